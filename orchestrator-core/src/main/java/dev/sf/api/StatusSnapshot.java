package dev.sf.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of a project's run at one moment.
 *
 * @param runId the run's id, or null when no run was ever started
 * @param integrationBranch the branch milestones merge into
 * @param live true when a running coordinator produced the snapshot, false when it was read from
 *     the files on disk
 * @param milestones one row per milestone, in dependency order
 * @param totalUsd the run's total cost
 * @param ceilingUsd the budget ceiling, or null for none
 * @param budgetState {@code ok}, {@code warned} or {@code reached}
 * @param predictedConflicts conflicts between milestone branches, and between a milestone branch
 *     and the integration branch, found while the run goes on; empty when no coordinator runs
 * @param takenAt when the snapshot was taken
 */
public record StatusSnapshot(String runId, String integrationBranch, boolean live,
    List<MilestoneStatus> milestones, BigDecimal totalUsd, BigDecimal ceilingUsd,
    String budgetState, List<PredictedConflict> predictedConflicts, Instant takenAt) {

  /**

   * Creates the record, copying the lists so that it is immutable.

   *

   * @param runId the run's id, or null when no run was ever started
   * @param integrationBranch the branch milestones merge into
   * @param live true when a running coordinator produced the snapshot, false when it was read from
   *     the files on disk
   * @param milestones one row per milestone, in dependency order
   * @param totalUsd the run's total cost
   * @param ceilingUsd the budget ceiling, or null for none
   * @param budgetState {@code ok}, {@code warned} or {@code reached}
   * @param predictedConflicts conflicts between running milestones' branches, found early
   * @param takenAt when the snapshot was taken
   */
  public StatusSnapshot {
    milestones = List.copyOf(milestones);
    predictedConflicts = List.copyOf(predictedConflicts);
  }

  /**
   * Returns the row of one milestone.
   *
   * @param id the milestone
   * @return its row, or empty when the project has no such milestone
   */
  public Optional<MilestoneStatus> milestone(String id) {
    return milestones.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * Returns by how much the total passed the ceiling, or zero.
   *
   * @return the overrun in USD
   */
  public BigDecimal overrunUsd() {
    if (ceilingUsd == null || totalUsd.compareTo(ceilingUsd) <= 0) {
      return BigDecimal.ZERO;
    }
    return totalUsd.subtract(ceilingUsd);
  }

  /**
   * Two branches that would conflict if both were merged.
   *
   * @param first one milestone
   * @param second the other milestone, or the integration branch's name (such as {@code main})
   *     when {@code first} would conflict with what the integration branch has now
   * @param files the files they would conflict on
   */
  public record PredictedConflict(String first, String second, List<String> files) {
    /**
     * Creates the record, copying the list so that it is immutable.
     *
     * @param first one milestone
     * @param second the other
     * @param files the files they would conflict on
     */
    public PredictedConflict {
      files = List.copyOf(files);
    }

    /**
     * Returns the warning as a sentence, such as {@code M002 will conflict with M004 on
     * src/app.js}.
     *
     * @return the sentence
     */
    public String describe() {
      return first + " will conflict with " + second + " on " + String.join(", ", files);
    }
  }
}
