package dev.sf.core.runtime;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the coordinator reports as a run goes on. The public API turns these into its own event
 * types; they are plain data so that they can cross threads and, later, nodes.
 */
public sealed interface RuntimeEvent {

  /** The milestone's state changed. */
  record StateChanged(String milestoneId, String state, String reason) implements RuntimeEvent {}

  /** A worker process started or was adopted. */
  record WorkerStarted(String milestoneId, long pid, int attempt, boolean adopted)
      implements RuntimeEvent {}

  /** The milestone's cost changed; {@code runTotalUsd} is the total of the run. */
  record CostUpdated(String milestoneId, BigDecimal milestoneUsd, BigDecimal runTotalUsd,
      List<String> unpricedModels) implements RuntimeEvent {}

  /** A slice finished. */
  record SliceFinished(String milestoneId, String sliceId, int done, int total)
      implements RuntimeEvent {}

  /** A progress message from a worker. */
  record Progress(String milestoneId, String message) implements RuntimeEvent {}

  /** A worker process ended. */
  record WorkerExited(String milestoneId, String state, Integer exitCode, String reason)
      implements RuntimeEvent {}

  /** The run passed 80 % of its ceiling. */
  record BudgetWarning(BigDecimal ceilingUsd, BigDecimal totalUsd) implements RuntimeEvent {}

  /** The run reached its ceiling; every worker is being stopped. */
  record CeilingReached(BigDecimal ceilingUsd, BigDecimal totalUsd) implements RuntimeEvent {}

  /** A milestone (or one of its slices) merged into the integration branch. */
  record Merged(String milestoneId, String commit, boolean partial, List<String> notes)
      implements RuntimeEvent {}

  /** A merge conflicted or was refused; nothing was changed. */
  record MergeFailed(String milestoneId, boolean conflict, List<String> files, String reason)
      implements RuntimeEvent {}

  /** The coordinator ended; {@code exitCode} is 0 when every worker it ran succeeded. */
  record RunFinished(int exitCode, String summary) implements RuntimeEvent {}
}
