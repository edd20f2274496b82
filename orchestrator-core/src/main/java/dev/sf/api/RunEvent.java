package dev.sf.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * Something that happened in a run, delivered to every {@link RunListener}. Events arrive in the
 * order the coordinator saw them, on one thread at a time.
 */
public sealed interface RunEvent {

  /**
   * Returns the milestone the event is about, or null for events about the whole run.
   *
   * @return the milestone id
   */
  String milestoneId();

  /**
   * A worker process started, or an earlier coordinator's worker was taken over.
   *
   * @param milestoneId the milestone
   * @param pid the worker's process id
   * @param attempt how many workers have started for the milestone, counting this one
   * @param adopted true when the process was started by an earlier coordinator
   */
  record WorkerStarted(String milestoneId, long pid, int attempt, boolean adopted)
      implements RunEvent {}

  /**
   * A milestone's cost changed.
   *
   * @param milestoneId the milestone
   * @param milestoneUsd the milestone's cost over all its workers
   * @param runTotalUsd the run's total cost
   * @param unpricedModels models whose tokens have no price in the pricing table
   */
  record CostUpdated(String milestoneId, BigDecimal milestoneUsd, BigDecimal runTotalUsd,
      List<String> unpricedModels) implements RunEvent {
    /**
     * Creates the record, copying the list so that it is immutable.
     *
     * @param milestoneId the milestone
     * @param milestoneUsd the milestone's cost over all its workers
     * @param runTotalUsd the run's total cost
     * @param unpricedModels models whose tokens have no price in the pricing table
     */
    public CostUpdated {
      unpricedModels = List.copyOf(unpricedModels);
    }
  }

  /**
   * A slice of a milestone finished.
   *
   * @param milestoneId the milestone
   * @param sliceId the slice
   * @param done slices finished so far
   * @param total slices planned
   */
  record SliceFinished(String milestoneId, String sliceId, int done, int total)
      implements RunEvent {}

  /**
   * A worker reported progress.
   *
   * @param milestoneId the milestone
   * @param message the progress message
   */
  record ProgressReported(String milestoneId, String message) implements RunEvent {}

  /**
   * A milestone changed state.
   *
   * @param milestoneId the milestone
   * @param state the new state, such as {@code running} or {@code conflict}
   * @param reason why, or null
   */
  record StateChanged(String milestoneId, String state, String reason) implements RunEvent {}

  /**
   * A worker process ended.
   *
   * @param milestoneId the milestone
   * @param state {@code completed}, {@code failed}, {@code stopped} or {@code budget-stopped}
   * @param exitCode the exit code, or null when unknown
   * @param reason why it failed or stopped, or null
   */
  record WorkerExited(String milestoneId, String state, Integer exitCode, String reason)
      implements RunEvent {}

  /**
   * The run passed 80 % of its budget ceiling.
   *
   * @param ceilingUsd the ceiling
   * @param totalUsd the total when the warning was given
   */
  record BudgetWarning(BigDecimal ceilingUsd, BigDecimal totalUsd) implements RunEvent {
    @Override
    public String milestoneId() {
      return null;
    }
  }

  /**
   * The run reached its budget ceiling; every worker is being stopped and none will start.
   *
   * @param ceilingUsd the ceiling
   * @param totalUsd the total when it was reached
   */
  record CeilingReached(BigDecimal ceilingUsd, BigDecimal totalUsd) implements RunEvent {
    @Override
    public String milestoneId() {
      return null;
    }
  }

  /**
   * A milestone, or the finished slices of one, merged into the integration branch.
   *
   * @param milestoneId the milestone
   * @param commit the new integration branch commit, or null when there was nothing new
   * @param partial true for a per-slice merge while the worker goes on
   * @param notes warnings, such as a worktree kept because of uncommitted changes
   */
  record Merged(String milestoneId, String commit, boolean partial, List<String> notes)
      implements RunEvent {
    /**
     * Creates the record, copying the list so that it is immutable.
     *
     * @param milestoneId the milestone
     * @param commit the new integration branch commit, or null when there was nothing new
     * @param partial true for a per-slice merge while the worker goes on
     * @param notes warnings, such as a worktree kept because of uncommitted changes
     */
    public Merged {
      notes = List.copyOf(notes);
    }
  }

  /**
   * A merge conflicted or was refused. Nothing in the project root was changed.
   *
   * @param milestoneId the milestone
   * @param conflict true for a conflict, false for a refusal (for example uncommitted changes
   *     in the project root)
   * @param files the conflicting files, or the files in the way
   * @param reason what happened and what to do
   */
  record MergeConflict(String milestoneId, boolean conflict, List<String> files, String reason)
      implements RunEvent {
    /**
     * Creates the record, copying the list so that it is immutable.
     *
     * @param milestoneId the milestone
     * @param conflict true for a conflict, false for a refusal (for example uncommitted changes in
     *     the project root)
     * @param files the conflicting files, or the files in the way
     * @param reason what happened and what to do
     */
    public MergeConflict {
      files = List.copyOf(files);
    }
  }

  /**
   * The coordinator ended.
   *
   * @param exitCode 0 when every worker it ran completed (and merged, with {@code auto}), 1
   *     otherwise
   */
  record RunFinished(int exitCode) implements RunEvent {
    @Override
    public String milestoneId() {
      return null;
    }
  }
}
