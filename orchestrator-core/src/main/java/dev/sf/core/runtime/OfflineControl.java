package dev.sf.core.runtime;

import dev.sf.core.control.CoordinatorLock;
import dev.sf.core.git.StaleGitLocks;
import dev.sf.core.model.Milestone;
import dev.sf.core.model.Preferences;
import dev.sf.core.process.ProcessSignals;
import dev.sf.errors.InvalidUsageException;
import dev.sf.spi.WorkerSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stop, pause, resume and merge when no coordinator runs: acts on recorded worker processes that
 * are still alive (checked by pid and start time) and merges completed milestones directly. It
 * holds the coordinator lock meanwhile, so no coordinator starts in the middle.
 */
public final class OfflineControl {
  private static final Logger log = LoggerFactory.getLogger(OfflineControl.class);

  private OfflineControl() {}

  /**
   * Pauses, resumes or stops recorded live workers.
   *
   * @param session the project
   * @param action pause, resume or stop
   * @param milestoneId one milestone, or null for all
   * @param force with stop: kill at once instead of SIGTERM first
   * @return the reply; exit code 1 when the named milestone has no live worker
   */
  public static Coordinator.ControlReply signal(ProjectSession session, Coordinator.Action action,
      String milestoneId, boolean force) {
    if (milestoneId != null) {
      session.requireMilestone(milestoneId);
    }
    try (CoordinatorLock lock = CoordinatorLock.acquire(session.root())) {
      Map<String, MilestoneRecord> records = session.store().loadMilestones();
      List<MilestoneRecord> targets = new ArrayList<>();
      for (MilestoneRecord record : records.values()) {
        boolean requested = milestoneId == null || milestoneId.equals(record.id());
        if (requested && record.stateValue().hasWorker() && RecordedWorkers.alive(record)) {
          targets.add(record);
        }
      }
      if (targets.isEmpty()) {
        String message = milestoneId == null
            ? "Nothing is running: no coordinator and no live worker."
            : "Milestone " + milestoneId + " has no running worker.";
        return new Coordinator.ControlReply(milestoneId == null, milestoneId == null ? 0 : 1,
            message);
      }
      List<String> ids = new ArrayList<>();
      for (MilestoneRecord record : targets) {
        act(session, record, action, force);
        ids.add(record.id());
      }
      String verb = switch (action) {
        case PAUSE -> "Paused";
        case RESUME -> "Resumed";
        default -> force ? "Killed" : "Stopped";
      };
      return new Coordinator.ControlReply(true, 0, verb + " " + String.join(", ", ids)
          + " (no coordinator was running).");
    }
  }

  private static void act(ProjectSession session, MilestoneRecord record,
      Coordinator.Action action, boolean force) {
    List<Long> group = List.of(record.pid());
    MilestoneRecord updated;
    switch (action) {
      case PAUSE -> {
        ProcessSignals.signalGroups(WorkerSignal.STOP, group);
        updated = record.withState(MilestoneState.PAUSED, null);
      }
      case RESUME -> {
        ProcessSignals.signalGroups(WorkerSignal.CONT, group);
        updated = record.withState(MilestoneState.RUNNING, null);
      }
      default -> {
        stopGroup(session, record, force);
        updated = record.withState(MilestoneState.STOPPED, "stopped by the user")
            .withExit(null, Instant.now());
      }
    }
    log.info("{} the worker of milestone {} (pid {}) without a coordinator", action,
        record.id(), record.pid());
    write(session, updated);
  }

  private static void stopGroup(ProjectSession session, MilestoneRecord record, boolean force) {
    List<Long> group = List.of(record.pid());
    if (force) {
      ProcessSignals.signalGroups(WorkerSignal.KILL, group);
      return;
    }
    ProcessSignals.signalGroups(WorkerSignal.TERM, group);
    ProcessSignals.signalGroups(WorkerSignal.CONT, group);
    int grace = session.preferences().preferences().worker().stopGraceSeconds();
    ProcessHandle.of(record.pid()).ifPresent(handle -> {
      try {
        handle.onExit().get(grace, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        log.warn("Worker of milestone {} outlived the {} s grace period; killing it", record.id(),
            grace);
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("Waiting for the worker of milestone {} failed", record.id(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    ProcessSignals.signalGroups(WorkerSignal.KILL, group);
  }

  /**
   * Merges completed milestones in dependency order, going on past a conflict with the
   * milestones that do not depend on the conflicted one.
   *
   * @param session the project
   * @param milestoneId one milestone, or null for every completed one
   * @param confirmer used only to satisfy the merge service; merges here never ask
   * @return the reply: exit code 1 when any merge conflicted or was refused
   */
  public static Coordinator.ControlReply merge(ProjectSession session, String milestoneId,
      MergeConfirmer confirmer) {
    if (milestoneId != null) {
      session.requireMilestone(milestoneId);
    }
    try (CoordinatorLock lock = CoordinatorLock.acquire(session.root())) {
      Preferences preferences = session.preferences().preferences();
      List<Milestone> milestones = session.milestones();
      String branch = session.integrationBranch();
      StaleGitLocks.removeAbandoned(session.root());
      session.git().finishInterruptedMerge().ifPresent(done ->
          log.warn("Recovered the project root: {}", done));
      RuntimeServices services = new RuntimeServices(session.root(), branch, preferences,
          milestones, session.git(), session.launcher(), session.formats(), session.store(),
          Runnable::run, Duration.ofMillis(100), confirmer, event -> { });
      Map<String, MilestoneRecord> records = session.records(milestones);
      MilestoneMerger merger = new MilestoneMerger(services);
      Set<String> failed = new HashSet<>();
      List<String> lines = new ArrayList<>();
      for (Milestone milestone : milestones) {
        MilestoneRecord record = records.get(milestone.id());
        boolean requested = milestoneId == null || milestoneId.equals(milestone.id());
        if (!requested || !record.stateValue().awaitsMerge()) {
          continue;
        }
        List<String> blockedBy = milestone.dependsOn().stream().filter(failed::contains).toList();
        if (!blockedBy.isEmpty()) {
          failed.add(milestone.id());
          lines.add(milestone.id() + ": skipped because " + String.join(", ", blockedBy)
              + " did not merge");
          continue;
        }
        MilestoneMerger.Result result = merger.merge(record, false, false);
        MilestoneRecord updated = apply(record, result);
        write(session, updated);
        if (result.kind() != MilestoneMerger.Kind.MERGED
            && result.kind() != MilestoneMerger.Kind.NOTHING) {
          failed.add(milestone.id());
        }
        lines.add(milestone.id() + ": " + result.summary());
      }
      if (lines.isEmpty()) {
        if (milestoneId != null) {
          throw new InvalidUsageException("Milestone " + milestoneId + " is not waiting to be"
              + " merged (state: " + records.get(milestoneId).state() + ").");
        }
        return new Coordinator.ControlReply(true, 0,
            "No completed milestone is waiting to be merged.");
      }
      return new Coordinator.ControlReply(failed.isEmpty(), failed.isEmpty() ? 0 : 1,
          String.join(System.lineSeparator(), lines));
    }
  }

  private static MilestoneRecord apply(MilestoneRecord record, MilestoneMerger.Result result) {
    switch (result.kind()) {
      case MERGED, NOTHING -> {
        return record.withMerge(result.branchCommit(), List.of())
            .withState(MilestoneState.MERGED, result.message());
      }
      case CONFLICT -> {
        return record.withMerge(record.mergedCommit(), result.files())
            .withState(MilestoneState.CONFLICT, result.message());
      }
      default -> {
        return record.withState(record.stateValue(), result.message());
      }
    }
  }

  private static void write(ProjectSession session, MilestoneRecord record) {
    try {
      session.store().writeMilestone(record);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + session.store().milestoneFile(record.id())
          + " failed", e);
    }
  }
}
