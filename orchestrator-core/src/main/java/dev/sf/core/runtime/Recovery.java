package dev.sf.core.runtime;

import dev.sf.core.model.Milestone;
import dev.sf.core.process.SessionUpdate;
import dev.sf.core.process.WorkerSession;
import dev.sf.core.process.preset.ResolvedWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks a run up where an earlier coordinator left it. Each recorded worker is checked by pid and
 * start time, and live ones are adopted. The rest of a dead worker's log is read first, so that
 * nothing it reported is lost; then it becomes failed with its cost, or completed when its log
 * ends with its completion event. An interrupted merge goes back to completed, since the
 * integration branch only moves once a merge has fully succeeded.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  static void recover(RuntimeServices services, Map<String, MilestoneRecord> records,
      Set<String> adopt) {
    for (MilestoneRecord record : records.values()) {
      MilestoneState state = record.stateValue();
      if (state == MilestoneState.MERGING) {
        records.put(record.id(), record.withState(MilestoneState.COMPLETED,
            "the coordinator stopped during the merge; it will be merged again"));
      } else if (state.hasWorker() && RecordedWorkers.alive(record)) {
        log.info("Worker of milestone {} (pid {}) is still running; adopting it", record.id(),
            record.pid());
        adopt.add(record.id());
      } else if (state.hasWorker()) {
        records.put(record.id(), concludeDeadWorker(services, record));
      }
    }
  }

  /**
   * Decides the state of a worker that ended while no coordinator ran. Its exit code is lost, so
   * it is failed. The exception is a log that ends with its format's completion event: then the
   * work is recorded as complete, as the coordinator would have done, and is not run again.
   */
  private static MilestoneRecord concludeDeadWorker(RuntimeServices services,
      MilestoneRecord record) {
    MilestoneRecord caughtUp = catchUp(services, record);
    if (caughtUp.ledger() != null && caughtUp.ledger().path("completed").asBoolean(false)) {
      try {
        new WorkerStarter(services, caughtUp).recordCompletion(caughtUp.slicesDone(),
            caughtUp.costUsd());
        log.info("Worker of milestone {} (pid {}) completed while no coordinator was running;"
            + " recorded it as completed with its cost of {} USD", record.id(), record.pid(),
            caughtUp.costUsd());
        return caughtUp.withState(MilestoneState.COMPLETED, "the worker completed while no"
            + " coordinator was running (it sent its completion event; its exit code is unknown)");
      } catch (RuntimeException e) {
        log.warn("Recording the completion of milestone {} failed; marking it failed", record.id(),
            e);
      }
    }
    log.warn("Worker of milestone {} (pid {}) ended while no coordinator was running;"
        + " marking it failed with its cost of {} USD", record.id(), record.pid(),
        caughtUp.costUsd());
    return caughtUp.withState(MilestoneState.FAILED,
        "the worker ended while no coordinator was running");
  }

  /** Reads what a dead worker wrote after the recorded offset, so its cost is complete. */
  static MilestoneRecord catchUp(RuntimeServices services, MilestoneRecord record) {
    Path logFile = services.store().logFile(record.id());
    if (!Files.exists(logFile)) {
      return record;
    }
    try {
      Milestone milestone = services.milestone(record.id());
      Path worktree = services.worktree(record.id());
      ResolvedWorker worker = WorkerStarter.resolveWorker(services, milestone, worktree);
      WorkerSession session = WorkerStarter.resumeSession(services, milestone, record, worker,
          worktree);
      SessionUpdate update = session.finish();
      return record.withProgress(update.offset(), update.ledger(), update.costUsd(),
          update.unpricedModels(), update.slicesDone(), update.latestActivity());
    } catch (RuntimeException e) {
      log.warn("Reading the rest of the log of milestone {} failed; keeping the recorded cost",
          record.id(), e);
      return record;
    }
  }
}
