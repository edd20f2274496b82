package dev.sf.core.runtime;

import java.util.List;

/**
 * The state of a run at one moment.
 *
 * @param run the run record
 * @param milestones one record per milestone, in dependency order
 * @param live true when a coordinator produced the report, false when it was read from disk
 * @param budgetReached true when the run reached its ceiling
 */
public record StatusReport(RunRecord run, List<MilestoneRecord> milestones, boolean live,
    boolean budgetReached) {

  public StatusReport {
    milestones = List.copyOf(milestones);
  }
}
