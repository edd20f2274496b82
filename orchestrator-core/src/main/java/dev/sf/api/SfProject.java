package dev.sf.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sf.core.control.ControlClient;
import dev.sf.core.control.ControlException;
import dev.sf.core.control.ControlRequest;
import dev.sf.core.control.ControlResponse;
import dev.sf.core.control.CoordinatorInfo;
import dev.sf.core.control.CoordinatorLock;
import dev.sf.core.control.RawControlResponse;
import dev.sf.core.doctor.Doctor;
import dev.sf.core.doctor.DoctorResult;
import dev.sf.core.model.LoadedPreferences;
import dev.sf.core.model.Milestone;
import dev.sf.core.process.preset.WorkerPresets;
import dev.sf.core.runtime.Coordinator;
import dev.sf.core.runtime.MergeConfirmer;
import dev.sf.core.runtime.OfflineControl;
import dev.sf.core.runtime.ProjectSession;
import dev.sf.core.runtime.RunHandle;
import dev.sf.core.runtime.RuntimeEvent;
import dev.sf.core.runtime.StatusReport;
import dev.sf.core.runtime.StatusReportJson;
import dev.sf.errors.ConfigException;
import dev.sf.errors.CoordinatorRunningException;
import dev.sf.errors.InvalidUsageException;
import dev.sf.errors.NotAProjectException;
import dev.sf.errors.SfException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An sf project: a git repository with an {@code .sf} folder. The entry point of the library.
 *
 * <pre>{@code
 * try (SfProject project = SfProject.open(Path.of("."))) {
 *   for (QueueEntry entry : project.queue().entries()) {
 *     System.out.println(entry.id() + ": " + entry.reason());
 *   }
 *   try (Run run = project.start(RunOptions.builder().listener(System.out::println).build())) {
 *     RunSummary summary = run.completion().toCompletableFuture().join();
 *   }
 * }
 * }</pre>
 *
 * <p>Status and control requests go to whichever coordinator runs the project: the one this
 * object started, one in another process (reached through a socket only the same user can
 * open), or, when none runs, the state files on disk and the recorded worker processes.
 *
 * <p>Instances are safe to use from several threads.
 */
public final class SfProject implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SfProject.class);
  private static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REMOTE_MERGE_TIMEOUT = Duration.ofMinutes(10);

  private final ProjectSession session;
  private volatile LocalRun run;

  private SfProject(ProjectSession session) {
    this.session = session;
  }

  /**
   * Opens the project that contains {@code directory}, with the default options.
   *
   * @param directory any folder inside the project's git repository
   * @return the project
   * @throws NotAProjectException when the folder is not inside a git repository
   */
  public static SfProject open(Path directory) {
    return open(directory, ProjectOptions.defaults());
  }

  /**
   * Opens the project that contains {@code directory}.
   *
   * @param directory any folder inside the project's git repository
   * @param options user preferences folder, overrides and extension points
   * @return the project
   * @throws NotAProjectException when the folder is not inside a git repository
   */
  public static SfProject open(Path directory, ProjectOptions options) {
    ProjectSession session = new ProjectSession(directory, options.sfHome().orElse(null),
        options.overrides(), options.launcher().orElse(null), options.outputFormats(),
        options.maxWorkersLimit(), options.pollInterval());
    return new SfProject(session);
  }

  /**
   * Returns the root of the project's main working tree.
   *
   * @return the root folder
   */
  public Path root() {
    return session.root();
  }

  /**
   * Returns the integration branch: the branch the recorded run merges into, or else the branch
   * checked out in the project root.
   *
   * @return the branch name
   * @throws InvalidUsageException when the project root has another branch checked out than the
   *     recorded run's
   */
  public String integrationBranch() {
    return session.integrationBranch();
  }

  /**
   * Reads every preference's effective value and where it came from.
   *
   * @return one value per key, in a stable order
   * @throws ConfigException when a preferences file is invalid
   */
  public List<PreferenceValue> preferences() {
    LoadedPreferences loaded = session.preferences();
    String presetOutput =
        WorkerPresets.presetOutput(loaded.preferences().worker().preset());
    return loaded.entries().stream().map(entry -> Views.preference(entry, presetOutput)).toList();
  }

  /**
   * Reads every milestone, in dependency order.
   *
   * @return the milestones
   * @throws ConfigException when a milestone file is invalid
   */
  public List<MilestoneInfo> milestones() {
    return session.milestones().stream().map(Views::milestone).toList();
  }

  /**
   * Analyses which milestones can start and why the others cannot, with file overlaps.
   *
   * @return the report, in dependency order
   * @throws ConfigException when the preferences or a milestone file is invalid
   */
  public QueueReport queue() {
    session.preferences();
    List<Milestone> milestones = session.milestones();
    return Views.queue(session.analyse(milestones), milestones,
        session.store().loadMilestones());
  }

  /**
   * Returns the process id of the coordinator that runs the project, in this JVM or another.
   *
   * @return the pid, or empty when no coordinator runs
   */
  public OptionalLong coordinatorPid() {
    return CoordinatorLock.holder(session.root())
        .map(info -> OptionalLong.of(info.pid())).orElse(OptionalLong.empty());
  }

  /**
   * Takes a status snapshot from the running coordinator, or from the files on disk when none
   * runs or when the process that holds the coordinator lock does not answer (an offline merge, a
   * coordinator that is still starting or one that hangs).
   *
   * @return the snapshot; {@link StatusSnapshot#live()} says which
   */
  public StatusSnapshot status() {
    LocalRun local = run;
    if (local != null && !local.handle().completion().isDone()) {
      return local.status().toCompletableFuture().join();
    }
    // The status comes through the streaming parser (RawControlResponse, StatusReportJson)
    // rather than a JSON tree and data binding, which keeps a short status command quick.
    Optional<RawControlResponse> remote;
    try {
      Optional<CoordinatorInfo> holder = listeningHolder();
      remote = holder.isPresent()
          ? Optional.of(ControlClient.sendRaw(holder.get(), ControlRequest.status(),
              REMOTE_TIMEOUT))
          : Optional.empty();
    } catch (ControlException e) {
      log.debug("The coordinator did not answer the status request; reading the files", e);
      remote = Optional.empty();
    }
    if (remote.isPresent() && remote.get().ok()) {
      try {
        StatusReport report = StatusReportJson.read(remote.get().dataJson());
        return Views.status(report, report.run().integrationBranch(), List.of());
      } catch (JsonProcessingException e) {
        throw new SfException("The running coordinator sent a status that cannot be read: "
            + e.getOriginalMessage(), e);
      }
    }
    StatusReport report = session.statusFromDisk();
    BigDecimal configured = report.run() == null ? configuredCeiling() : null;
    return Views.status(report, session.git().currentBranch(), List.of(), configured);
  }

  /**
   * Returns the budget ceiling the preferences set for the next run, or null when they set none
   * or cannot be read. A status before the first run shows it, and {@code start} reports any
   * problem in the preferences.
   */
  private BigDecimal configuredCeiling() {
    try {
      return session.preferences().preferences().parallel().ceiling().orElse(null);
    } catch (ConfigException e) {
      log.warn("The status shows no budget ceiling, because the preferences cannot be read", e);
      return null;
    }
  }

  /**
   * Starts a coordinator for the project in this JVM, with its own actor system.
   *
   * @param options listeners, merge confirmation and whether other processes may send commands
   * @return the running run
   * @throws InvalidUsageException when parallel runs are disabled or there are no milestones
   * @throws ConfigException when the preferences or a milestone file is invalid
   * @throws CoordinatorRunningException when another coordinator runs for the project
   */
  public Run start(RunOptions options) {
    return startIn(null, options);
  }

  Run startIn(ActorSystem<?> system, RunOptions options) {
    Consumer<RuntimeEvent> events = event -> {
      RunEvent published = Views.event(event);
      for (RunListener listener : options.listeners()) {
        try {
          listener.onEvent(published);
        } catch (RuntimeException e) {
          log.warn("A run listener failed on {}", published, e);
        }
      }
    };
    MergeConfirmer confirmer = options.confirmation()
        .<MergeConfirmer>map(confirmation -> preview -> confirmation.confirm(
            Views.prompt(preview)))
        .orElse(MergeConfirmer.NOBODY);
    try {
      RunHandle handle = RunHandle.start(session, system, confirmer, events,
          options.acceptCommands());
      LocalRun started = new LocalRun(handle, session);
      run = started;
      return started;
    } catch (dev.sf.core.control.CoordinatorRunningException e) {
      CoordinatorInfo holder = e.holder();
      throw new CoordinatorRunningException(holder.pid(), holder.alreadyRunningMessage());
    }
  }

  /**
   * Pauses one milestone's worker, or all when {@code milestoneId} is null, in whichever
   * coordinator runs the project or, when none runs, by signalling the recorded processes.
   *
   * @param milestoneId the milestone, or null for all
   * @return the result
   */
  public ControlResult pause(String milestoneId) {
    return control(Coordinator.Action.PAUSE, milestoneId, false);
  }

  /**
   * Resumes one paused worker, or all when {@code milestoneId} is null.
   *
   * @param milestoneId the milestone, or null for all
   * @return the result
   */
  public ControlResult resume(String milestoneId) {
    return control(Coordinator.Action.RESUME, milestoneId, false);
  }

  /**
   * Stops one worker, or all when {@code milestoneId} is null. Worktrees and uncommitted work
   * stay.
   *
   * @param milestoneId the milestone, or null for all
   * @param force true to kill at once
   * @return the result
   */
  public ControlResult stop(String milestoneId, boolean force) {
    return control(Coordinator.Action.STOP, milestoneId, force);
  }

  /**
   * Merges one completed milestone, or every completed one in dependency order when {@code
   * milestoneId} is null. A conflict leaves the integration branch, its index and the working
   * tree unchanged.
   *
   * @param milestoneId the milestone, or null for all
   * @return the result; exit code 1 when any merge conflicted or was refused
   */
  public ControlResult merge(String milestoneId) {
    return control(Coordinator.Action.MERGE, milestoneId, false);
  }

  private ControlResult control(Coordinator.Action action, String milestoneId, boolean force) {
    LocalRun local = run;
    if (local != null && !local.handle().completion().isDone()) {
      CompletionStageResults results = new CompletionStageResults();
      return results.join(local.handle().control(action, milestoneId, force)
          .thenApply(reply -> new ControlResult(reply.ok(), reply.exitCode(), reply.message())));
    }
    ControlRequest request = switch (action) {
      case PAUSE -> ControlRequest.pause(milestoneId);
      case RESUME -> ControlRequest.resume(milestoneId);
      case STOP -> ControlRequest.stop(milestoneId, force);
      case MERGE -> ControlRequest.merge(milestoneId);
    };
    Optional<CoordinatorInfo> holder = CoordinatorLock.holder(session.root());
    if (holder.isPresent() && listeningHolder().isEmpty()) {
      throw new ControlException("The coordinator lock is held by pid " + holder.get().pid()
          + ", which does not accept commands: it is an offline 'sf parallel merge' or a"
          + " coordinator that is still starting. Try again when it has finished.");
    }
    Duration timeout = action == Coordinator.Action.MERGE ? REMOTE_MERGE_TIMEOUT : REMOTE_TIMEOUT;
    Optional<ControlResponse> remote = remote(request, timeout);
    if (remote.isPresent()) {
      ControlResponse response = remote.get();
      return new ControlResult(response.ok(), response.exitCode(), response.message());
    }
    Coordinator.ControlReply reply = action == Coordinator.Action.MERGE
        ? OfflineControl.merge(session, milestoneId, MergeConfirmer.NOBODY)
        : OfflineControl.signal(session, action, milestoneId, force);
    return new ControlResult(reply.ok(), reply.exitCode(), reply.message());
  }

  /**
   * Returns the process that holds the coordinator lock when it serves the control socket. A lock
   * holder without a socket file is an offline merge or a coordinator that is still starting, and
   * connecting to it would only fail.
   */
  private Optional<CoordinatorInfo> listeningHolder() {
    Optional<CoordinatorInfo> holder;
    try {
      holder = CoordinatorLock.holder(session.root());
    } catch (ControlException e) {
      log.debug("The coordinator lock is held but its record cannot be read", e);
      return Optional.empty();
    }
    return holder.filter(info -> Files.exists(info.socketPath()));
  }

  private Optional<ControlResponse> remote(ControlRequest request, Duration timeout) {
    return ControlClient.send(session.root(), request, timeout);
  }

  /**
   * Computes what merging a milestone would bring into the integration branch, touching
   * nothing: a diff stat, the full patch when asked, and the files that would conflict.
   *
   * @param milestoneId the milestone
   * @param withPatch true to include the unified diff
   * @return the report
   * @throws InvalidUsageException when the milestone is unknown or has no branch yet
   */
  public DiffReport diff(String milestoneId, boolean withPatch) {
    return Views.diff(milestoneId, session.diff(milestoneId, withPatch));
  }

  /**
   * Checks the project for what crashes and interrupted commands leave behind, and repairs what
   * is safe when asked: stale coordinator and worker records, worker processes without a
   * coordinator, folders under {@code .sf/worktrees} that git does not know, worktrees whose
   * folder is gone, branches of merged milestones, leftover merge state in the project root,
   * invalid preferences and milestone files, and state files that cannot be read.
   *
   * @param fix true to repair what is safe
   * @param force true to also remove worktrees with uncommitted changes and branches with work
   *     the integration branch lacks; only used with {@code fix}
   * @return every finding with its outcome
   * @throws dev.sf.errors.GitException when git cannot be run in the project
   */
  public DoctorReport doctor(boolean fix, boolean force) {
    DoctorResult result = new Doctor(session, fix, fix && force).run();
    List<DoctorFinding> findings = result.findings().stream()
        .map(finding -> new DoctorFinding(finding.check().code(), finding.subject(),
            finding.message(), finding.fix(),
            DoctorFinding.Outcome.valueOf(finding.outcome().name())))
        .toList();
    return new DoctorReport(findings, result.fixRequested(), result.forced());
  }

  /**
   * Returns the run state folder, {@code .sf/parallel}, where logs and state files live.
   *
   * @return the folder
   */
  public Path stateFolder() {
    return session.store().parallelDir();
  }

  /**
   * Closes the project. A run started from it that still goes on is stopped; use {@link
   * Run#close(boolean)} first to leave its workers running.
   */
  @Override
  public void close() {
    LocalRun local = run;
    if (local != null) {
      local.close(false);
    }
    session.close();
  }

  /** Waits for a stage, turning its failure into an {@link SfException}. */
  private static final class CompletionStageResults {
    <T> T join(java.util.concurrent.CompletionStage<T> stage) {
      try {
        return stage.toCompletableFuture().join();
      } catch (java.util.concurrent.CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof SfException sf) {
          throw sf;
        }
        throw new SfException("The coordinator did not answer: " + cause.getMessage(), cause);
      }
    }
  }
}
