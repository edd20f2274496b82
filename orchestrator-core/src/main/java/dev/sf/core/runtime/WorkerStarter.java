package dev.sf.core.runtime;

import dev.sf.core.git.WorktreeFiles;
import dev.sf.core.model.Milestone;
import dev.sf.core.model.MilestoneStatus;
import dev.sf.core.model.Preferences;
import dev.sf.core.process.SessionUpdate;
import dev.sf.core.process.WorkerSession;
import dev.sf.core.process.preset.ResolvedWorker;
import dev.sf.core.process.preset.WorkerPresets;
import dev.sf.errors.SfException;
import dev.sf.spi.LaunchRequest;
import dev.sf.spi.LaunchedWorker;
import dev.sf.spi.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking steps around one worker: preparing its worktree (folder, copied files, setup
 * command), starting or adopting its process, and recording its completion on its branch. Runs
 * on the blocking dispatcher, never on an actor's own thread.
 */
final class WorkerStarter {
  private static final Logger log = LoggerFactory.getLogger(WorkerStarter.class);

  private final RuntimeServices services;
  private final MilestoneRecord record;
  private final Milestone milestone;

  WorkerStarter(RuntimeServices services, MilestoneRecord record) {
    this.services = services;
    this.record = record;
    this.milestone = services.milestone(record.id());
  }

  /**
   * A started or adopted worker.
   *
   * @param process the process handle
   * @param session its log reader and cost ledger
   * @param stopGraceSeconds seconds between SIGTERM and SIGKILL
   * @param attempt the attempt number, counting from 1
   * @param adopted true when an earlier coordinator started the process
   * @param logFile the log, relative to the project root
   * @param initialUpdate what reading earlier output gave, or null
   */
  record Started(LaunchedWorker process, WorkerSession session, int stopGraceSeconds,
      int attempt, boolean adopted, String logFile, SessionUpdate initialUpdate) {}

  Started start() {
    Path worktree = services.worktree(milestone.id());
    // ProjectGit registers worktrees one at a time, because concurrent 'git worktree' calls
    // fail, and checks out their files in parallel.
    boolean checkedOut = services.git().addWorktree(worktree,
        RuntimeServices.branch(milestone.id()), services.integrationBranch());
    Path logFile = services.store().logFile(milestone.id());
    if (checkedOut) {
      prepare(worktree, logFile);
    }

    Path planFile = planFile(worktree, milestone.id());
    syncPlanFile(planFile, logFile);
    ResolvedWorker worker = resolveWorker(services, milestone, worktree);
    WorkerSession session = resumeSession(services, milestone, record, worker, worktree);
    SessionUpdate caughtUp = session.finish();
    session.startNewWorker();

    Map<String, String> environment = new HashMap<>(worker.env());
    environment.put("SF_MILESTONE_LOCK", milestone.id());
    environment.put("SF_WORKTREE", worktree.toString());
    environment.put("SF_PLAN_FILE", planFile.toString());
    LaunchRequest request = new LaunchRequest(milestone.id(), worker.command(), worktree,
        environment, logFile);
    try {
      LaunchedWorker process = services.launcher().launch(request);
      return new Started(process, session, worker.stopGraceSeconds(), record.attempts() + 1,
          false, relative(logFile), caughtUp);
    } catch (IOException e) {
      throw new SfException("The worker of milestone " + milestone.id() + " could not start: "
          + e.getMessage(), e);
    }
  }

  Started adopt() {
    LaunchedWorker process = services.launcher()
        .adopt(record.pid(), record.processStart())
        .orElseThrow(() -> new SfException("The worker of milestone " + milestone.id()
            + " (pid " + record.pid() + ") is no longer running"));
    Path worktree = services.worktree(milestone.id());
    Path logFile = services.store().logFile(milestone.id());
    ResolvedWorker worker = resolveWorker(services, milestone, worktree);
    WorkerSession session = resumeSession(services, milestone, record, worker, worktree);
    log.info("Adopted the worker of milestone {} (pid {}), reading its log from byte {}",
        milestone.id(), record.pid(), record.logOffset());
    return new Started(process, session, worker.stopGraceSeconds(), Math.max(1,
        record.attempts()), true, relative(logFile), session.poll());
  }

  /** Returns the plan file of a milestone inside its worktree. */
  static Path planFile(Path worktree, String milestoneId) {
    return worktree.resolve(".sf").resolve("milestones").resolve(milestoneId)
        .resolve("MILESTONE.md");
  }

  /** Resolves the worker command, environment and output format of a milestone. */
  static ResolvedWorker resolveWorker(RuntimeServices services, Milestone milestone,
      Path worktree) {
    return WorkerPresets.resolve(services.preferences().worker(), milestone.workerOverrides(),
        milestone, worktree, planFile(worktree, milestone.id()));
  }

  /**
   * Opens the log reader and cost ledger of a milestone's worker at the recorded log offset, so
   * that output already counted is not counted again.
   *
   * @throws SfException when the worker's output format is not known
   */
  static WorkerSession resumeSession(RuntimeServices services, Milestone milestone,
      MilestoneRecord record, ResolvedWorker worker, Path worktree) {
    OutputFormat format = services.formats().find(worker.outputFormat()).orElseThrow(() ->
        new SfException("Unknown worker output format '" + worker.outputFormat()
            + "' for milestone " + milestone.id() + ". Set worker.output to one of "
            + services.formats().names() + "."));
    return WorkerSession.resume(milestone.id(), services.store().logFile(milestone.id()),
        record.logOffset(), record.ledger(), format, services.preferences().pricing(),
        WorkerPresets.modelArgument(worker.command()).orElse(null), worktree);
  }

  /**
   * Writes {@code status.yaml} and {@code metrics.json} for a completed milestone and commits the
   * status file, alone, on the milestone branch, so that merging carries it to the integration
   * branch.
   */
  void recordCompletion(WorkerSession session) {
    SessionUpdate totals = session.current();
    recordCompletion(totals.slicesDone(), totals.costUsd());
  }

  /** Writes and commits {@code status.yaml} with the given finished slices and cost. */
  void recordCompletion(List<String> slicesDone, java.math.BigDecimal costUsd) {
    Path worktree = services.worktree(milestone.id());
    String statusPath = ".sf/milestones/" + milestone.id() + "/status.yaml";
    MilestoneStatus status = new MilestoneStatus(MilestoneStatus.COMPLETED, slicesDone,
        Instant.now(), costUsd);
    try {
      Path statusFile = worktree.resolve(statusPath);
      Files.createDirectories(statusFile.getParent());
      Files.writeString(statusFile, status.toYaml());
    } catch (IOException e) {
      throw new SfException("Cannot write " + statusPath + " in " + worktree + ": "
          + e.getMessage(), e);
    }
    services.git().commitPaths(worktree, List.of(statusPath),
        milestone.id() + ": record completion");
    log.info("Recorded the completion of milestone {} on {}", milestone.id(),
        RuntimeServices.branch(milestone.id()));
  }

  /**
   * Copies the files and runs the setup command in a worktree checked out by this start. When either
   * fails the worktree is removed again (its branch stays), so that the next start prepares a
   * fresh one instead of starting the worker in a half-prepared folder.
   */
  private void prepare(Path worktree, Path logFile) {
    Preferences.WorktreeSettings settings =
        milestone.worktreeSettings(services.preferences().worktree());
    try {
      copyFiles(settings.copy(), worktree, logFile);
      WorktreeSetup.run(milestone.id(), settings, worktree, logFile);
    } catch (SfException e) {
      try {
        services.git().removeWorktree(worktree, true);
      } catch (SfException removal) {
        log.warn("Milestone {}: removing the worktree {} after a failed preparation failed",
            milestone.id(), worktree, removal);
      }
      throw e;
    }
  }

  /**
   * Copies the {@code worktree.copy} files into a new worktree. Each warning (a glob that matched
   * nothing, a skipped link) goes to the application log and, prefixed with {@code sf: warning:},
   * to the milestone's log, where the user reads the worker's output.
   */
  private void copyFiles(List<String> globs, Path worktree, Path logFile) {
    if (globs.isEmpty()) {
      return;
    }
    WorktreeFiles.CopyResult result;
    try {
      result = WorktreeFiles.copyInto(services.projectRoot(), worktree, globs);
    } catch (IOException e) {
      throw new SfException("Copying the worktree.copy files " + globs + " into " + worktree
          + " failed: " + e.getMessage() + ". Check that the files are readable.", e);
    }
    log.info("Milestone {}: copied {} files into its worktree: {}", milestone.id(),
        result.copied().size(), result.copied());
    if (result.warnings().isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (String warning : result.warnings()) {
      log.warn("Milestone {}: {}", milestone.id(), warning);
      lines.append("sf: warning: ").append(warning).append('\n');
    }
    appendToLog(logFile, lines);
  }

  /**
   * Copies the project's {@code MILESTONE.md} into the worktree when the worktree's copy is missing
   * or differs, which happens when the plan is not committed on the integration branch. The worker
   * reads the plan from the worktree, so without the copy it would get a missing or stale file.
   */
  private void syncPlanFile(Path planFile, Path logFile) {
    Path source = services.projectRoot().resolve(".sf").resolve("milestones")
        .resolve(milestone.id()).resolve("MILESTONE.md");
    try {
      if (!Files.isRegularFile(source) || Files.isRegularFile(planFile)
          && Files.mismatch(source, planFile) == -1) {
        return;
      }
      Files.createDirectories(planFile.getParent());
      Files.copy(source, planFile, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new SfException("Copying the plan " + relative(source) + " into the worktree "
          + planFile.getParent() + " failed: " + e.getMessage()
          + ". Commit the plan on the integration branch, or check the folder's permissions.", e);
    }
    String warning = relative(source) + " is not committed on the integration branch as it is in"
        + " the project folder, so it was copied into the worktree. Commit it so that the"
        + " milestone branch carries the plan.";
    log.warn("Milestone {}: {}", milestone.id(), warning);
    appendToLog(logFile, "sf: warning: " + warning + "\n");
  }

  private void appendToLog(Path logFile, CharSequence lines) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Files.writeString(logFile, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      log.warn("Milestone {}: writing a warning to {} failed", milestone.id(), logFile, e);
    }
  }

  private String relative(Path file) {
    return services.projectRoot().relativize(file).toString();
  }
}
