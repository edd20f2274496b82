package dev.sf.core.runtime;

import java.util.List;

/**
 * Two branches that would conflict if both were merged, found while milestones run.
 *
 * @param first a milestone id; of two milestones, the one that comes first in dependency order
 * @param second the other milestone's id, or the integration branch's name when {@code first}
 *     would conflict with the integration branch itself
 * @param files the files they would conflict on, sorted
 */
public record ConflictPrediction(String first, String second, List<String> files) {

  public ConflictPrediction {
    files = List.copyOf(files);
  }
}
