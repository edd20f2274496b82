package dev.sf.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the user sees before confirming a merge, with {@code auto_merge: confirm}.
 *
 * @param milestoneId the milestone
 * @param title its title
 * @param costUsd its cost
 * @param diffStat what the merge brings, as a diff stat
 * @param conflicts files that would conflict; empty when the merge is clean
 */
public record MergePrompt(String milestoneId, String title, BigDecimal costUsd, String diffStat,
    List<String> conflicts) {

  /**

   * Creates the record, copying the list so that it is immutable.

   *

   * @param milestoneId the milestone
   * @param title its title
   * @param costUsd its cost
   * @param diffStat what the merge brings, as a diff stat
   * @param conflicts files that would conflict; empty when the merge is clean
   */
  public MergePrompt {
    conflicts = List.copyOf(conflicts);
  }
}
