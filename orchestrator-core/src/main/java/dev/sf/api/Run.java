package dev.sf.api;

import java.util.concurrent.CompletionStage;

/**
 * A run coordinated in this JVM, started with {@link SfProject#start(RunOptions)}. Closing it
 * stops every worker; {@link #close(boolean)} can leave them running for a later coordinator to
 * adopt.
 */
public interface Run extends AutoCloseable {

  /**
   * Returns a stage that completes when the coordinator ends: no worker runs and nothing more
   * can start without the user.
   *
   * @return the run's summary
   */
  CompletionStage<RunSummary> completion();

  /**
   * Takes a status snapshot.
   *
   * @return the snapshot
   */
  CompletionStage<StatusSnapshot> status();

  /**
   * Pauses one milestone's worker, or all when {@code milestoneId} is null. A paused worker keeps
   * its slot and uses no CPU.
   *
   * @param milestoneId the milestone, or null for all
   * @return the result
   */
  CompletionStage<ControlResult> pause(String milestoneId);

  /**
   * Resumes one paused worker, or all when {@code milestoneId} is null.
   *
   * @param milestoneId the milestone, or null for all
   * @return the result
   */
  CompletionStage<ControlResult> resume(String milestoneId);

  /**
   * Stops one worker, or all when {@code milestoneId} is null; stopping all also prevents new
   * workers from starting. Its worktree and uncommitted work stay.
   *
   * @param milestoneId the milestone, or null for all
   * @param force true to kill at once instead of SIGTERM followed by SIGKILL after the grace
   *     period
   * @return the result
   */
  CompletionStage<ControlResult> stop(String milestoneId, boolean force);

  /**
   * Merges one completed milestone, or every completed one when {@code milestoneId} is null.
   *
   * @param milestoneId the milestone, or null for all
   * @return the result; exit code 1 when a merge conflicted or was refused
   */
  CompletionStage<ControlResult> merge(String milestoneId);

  /**
   * Ends the run and waits for the coordinator to finish.
   *
   * @param leaveWorkersRunning true to leave worker processes running for a later coordinator to
   *     adopt, false to stop them
   */
  void close(boolean leaveWorkersRunning);

  /** Ends the run, stopping every worker, and waits for the coordinator to finish. */
  @Override
  default void close() {
    close(false);
  }
}
