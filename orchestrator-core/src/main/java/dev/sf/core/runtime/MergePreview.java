package dev.sf.core.runtime;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a merge would bring, shown before the user confirms it.
 *
 * @param milestoneId the milestone
 * @param title its title
 * @param costUsd its cost
 * @param diffStat the diff stat text, one line per file and a summary line
 * @param conflicts files that would conflict, empty when the merge is clean
 */
public record MergePreview(String milestoneId, String title, BigDecimal costUsd, String diffStat,
    List<String> conflicts) {

  public MergePreview {
    conflicts = List.copyOf(conflicts);
  }
}
