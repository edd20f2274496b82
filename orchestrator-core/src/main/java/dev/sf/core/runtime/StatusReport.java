package dev.sf.core.runtime;

import java.util.List;

/**
 * The state of a run at one moment.
 *
 * @param run the run record
 * @param milestones one record per milestone, in dependency order
 * @param live true when a coordinator produced the report, false when it was read from disk
 * @param budgetReached true when the run reached its ceiling
 * @param predictedConflicts conflicts between milestone branches found while the run goes on;
 *     empty when the report was read from disk
 */
public record StatusReport(RunRecord run, List<MilestoneRecord> milestones, boolean live,
    boolean budgetReached, List<ConflictPrediction> predictedConflicts) {

  public StatusReport {
    milestones = List.copyOf(milestones);
    predictedConflicts = predictedConflicts == null ? List.of() : List.copyOf(predictedConflicts);
  }

  /** Creates a report without predicted conflicts. */
  public StatusReport(RunRecord run, List<MilestoneRecord> milestones, boolean live,
      boolean budgetReached) {
    this(run, milestones, live, budgetReached, List.of());
  }
}
