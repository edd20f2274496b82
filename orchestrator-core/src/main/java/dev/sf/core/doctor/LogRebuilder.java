package dev.sf.core.doctor;

import dev.sf.core.model.LoadedPreferences;
import dev.sf.core.model.Milestone;
import dev.sf.core.model.MilestoneStatus;
import dev.sf.core.process.SessionUpdate;
import dev.sf.core.process.WorkerSession;
import dev.sf.core.process.preset.ResolvedWorker;
import dev.sf.core.process.preset.WorkerPresets;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.MilestoneState;
import dev.sf.core.runtime.ProjectSession;
import dev.sf.core.runtime.RuntimeServices;
import dev.sf.errors.ConfigException;
import dev.sf.errors.SfException;
import dev.sf.spi.OutputFormat;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Derives milestone records from the worker logs, which are the source of truth for cost and
 * slices: reads a dead worker's log on from the recorded offset, or rebuilds a whole record whose
 * state file cannot be read.
 */
final class LogRebuilder {
  private final ProjectSession session;

  LogRebuilder(ProjectSession session) {
    this.session = session;
  }

  /**
   * Reads a log from {@code offset} with the saved ledger.
   *
   * @throws SfException when the preferences, the milestone or the output format are unusable
   */
  SessionUpdate read(String milestoneId, long offset, com.fasterxml.jackson.databind.JsonNode
      ledger) {
    LoadedPreferences preferences = session.preferences();
    Milestone milestone = milestone(milestoneId).orElseThrow(() -> new SfException(
        "Milestone '" + milestoneId + "' has no MILESTONE.md, so the output format of its"
            + " worker is unknown"));
    Path worktree = session.root().resolve(".sf").resolve("worktrees").resolve(milestoneId);
    Path planFile = worktree.resolve(".sf/milestones").resolve(milestoneId)
        .resolve("MILESTONE.md");
    ResolvedWorker worker = WorkerPresets.resolve(preferences.preferences().worker(),
        milestone.workerOverrides(), milestone, worktree, planFile);
    OutputFormat format = session.formats().find(worker.outputFormat()).orElseThrow(() ->
        new SfException("Unknown worker output format '" + worker.outputFormat() + "'"));
    // No worktree is given, so reading never rewrites the worktree's metrics.json.
    WorkerSession reader = WorkerSession.resume(milestoneId, session.store().logFile(milestoneId),
        offset, ledger, format, preferences.preferences().pricing(),
        WorkerPresets.modelArgument(worker.command()).orElse(null), null);
    return reader.finish();
  }

  /** Brings a record's cost and slices up to the end of its log. */
  MilestoneRecord catchUp(MilestoneRecord record) {
    if (!Files.exists(session.store().logFile(record.id()))) {
      return record;
    }
    SessionUpdate update = read(record.id(), record.logOffset(), record.ledger());
    return new MilestoneRecord(record.id(), record.title(), record.state(), record.reason(),
        record.pid(), record.processStart(), record.logFile(), update.offset(), update.ledger(),
        update.costUsd(), update.unpricedModels(), update.slicesDone(), record.slicesTotal(),
        update.latestActivity() == null ? record.latestActivity() : update.latestActivity(),
        record.startedAt(), record.endedAt(), record.exitCode(), record.attempts(),
        record.mergedCommit(), record.conflictFiles());
  }

  /**
   * Builds a record from the log alone. The state comes from {@code status.yaml}: merged when the
   * integration branch records the milestone as complete, completed when its own branch does,
   * otherwise running when a process still works in its worktree (found by its working
   * directory), failed when a worker ran (its end is unknown) and pending when none did.
   */
  MilestoneRecord rebuild(String milestoneId, String integrationBranch) {
    Optional<Milestone> milestone = milestone(milestoneId);
    String title = milestone.map(Milestone::title).orElse(milestoneId);
    int slicesTotal = milestone.map(m -> m.slices().size()).orElse(0);
    Path logFile = session.store().logFile(milestoneId);
    boolean ran = Files.exists(logFile);
    // NOTE: the whole log is read as one worker's output. A format that reports a running total
    // per worker (not deltas) may sum differently when several workers of the milestone wrote
    // to this log.
    SessionUpdate update = ran ? read(milestoneId, 0, null) : null;
    MilestoneState state;
    String reason;
    if (completedOn(integrationBranch, milestoneId)) {
      state = MilestoneState.MERGED;
      reason = "rebuilt from the worker log; the integration branch records it as complete";
    } else if (completedOn(RuntimeServices.branch(milestoneId), milestoneId)) {
      state = MilestoneState.COMPLETED;
      reason = "rebuilt from the worker log; its branch records it as complete";
    } else if (ran) {
      state = MilestoneState.FAILED;
      reason = "rebuilt from the worker log; how the last worker ended is unknown";
    } else {
      state = MilestoneState.PENDING;
      reason = null;
    }
    Optional<WorkerProcesses.Found> live = Optional.empty();
    if (state == MilestoneState.FAILED) {
      live = WorkerProcesses.inWorktree(session.root().resolve(".sf/worktrees")
          .resolve(milestoneId));
    }
    if (live.isPresent()) {
      // Recorded as running, so the next start adopts the worker instead of starting a second
      // one in the same worktree.
      state = MilestoneState.RUNNING;
      reason = "rebuilt from the worker log; its worker (pid " + live.get().pid()
          + ") is still running";
    }
    String relativeLog = session.root().relativize(logFile).toString();
    return new MilestoneRecord(milestoneId, title, state.wireName(), reason,
        live.map(WorkerProcesses.Found::pid).orElse(null),
        live.map(WorkerProcesses.Found::start).orElse(null),
        ran ? relativeLog : null, ran ? update.offset() : 0, ran ? update.ledger() : null,
        ran ? update.costUsd() : BigDecimal.ZERO, ran ? update.unpricedModels() : List.of(),
        ran ? update.slicesDone() : List.of(), slicesTotal,
        ran ? update.latestActivity() : null, live.map(WorkerProcesses.Found::start).orElse(null),
        null, null, ran ? 1 : 0, null, List.of());
  }

  private boolean completedOn(String branch, String milestoneId) {
    if (branch == null || session.git().branchHead(branch).isEmpty()) {
      return false;
    }
    String path = ".sf/milestones/" + milestoneId + "/" + MilestoneStatus.FILE_NAME;
    Optional<String> text = session.git().readFile(branch, path);
    try {
      return text.isPresent()
          && MilestoneStatus.parse(text.get(), session.root().resolve(path)).isCompleted();
    } catch (ConfigException e) {
      return false;
    }
  }

  private Optional<Milestone> milestone(String milestoneId) {
    return session.milestones().stream().filter(m -> m.id().equals(milestoneId)).findFirst();
  }
}
