package dev.sf.core.runtime;

import java.util.List;

/**
 * Two milestone branches that would conflict if both were merged, found while they run.
 *
 * @param first the milestone that comes first in dependency order
 * @param second the other milestone
 * @param files the files they would conflict on, sorted
 */
public record ConflictPrediction(String first, String second, List<String> files) {

  public ConflictPrediction {
    files = List.copyOf(files);
  }
}
