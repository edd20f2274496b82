package dev.sf.core.runtime;

import dev.sf.core.process.SessionUpdate;
import dev.sf.core.process.WorkerSession;
import dev.sf.spi.LaunchedWorker;
import dev.sf.spi.WorkerSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Owns one milestone's worker process and worktree: prepares the worktree, starts (or adopts)
 * the process, reads its log for cost and slices, and reports to the coordinator and the budget
 * keeper. Stop, pause and resume reach the worker's whole process group. When the actor stops
 * for any reason while its process still runs, the process group is killed, so no process leaks.
 */
public final class MilestoneWorker extends AbstractBehavior<MilestoneWorker.Command> {

  /** Messages the worker actor accepts. */
  public sealed interface Command {}

  /** Stops the worker: SIGTERM to its group, SIGKILL after the grace period. */
  public record StopWorker(String reason, boolean budget, boolean force) implements Command {}

  /**
   * Stops the worker like {@link StopWorker}, when the coordinator has already sent SIGTERM to
   * its process group together with the other workers' groups.
   */
  public record StopAlreadySignalled(String reason, boolean budget) implements Command {}

  /** Suspends the worker's whole process group. */
  public enum PauseWorker implements Command { INSTANCE }

  /** Resumes a paused worker. */
  public enum ResumeWorker implements Command { INSTANCE }

  /** Stops the actor and leaves the process running, for a later coordinator to adopt. */
  public enum Detach implements Command { INSTANCE }

  /** Makes the actor fail, to exercise supervision; used by tests. */
  public enum Crash implements Command { INSTANCE }

  // Local only: carries the process handle from the blocking thread back to the actor.
  private record Launched(WorkerStarter.Started started) implements Command {}

  private record LaunchFailed(String reason) implements Command {}

  private enum Poll implements Command { INSTANCE }

  private record LogRead(SessionUpdate update, boolean last) implements Command {}

  private record LogReadFailed(String reason, boolean last) implements Command {}

  private record ProcessExited(int exitCode) implements Command {}

  private enum GraceExpired implements Command { INSTANCE }

  private record Finished(MilestoneState state, String reason) implements Command {}

  private enum Phase { PREPARING, RUNNING, PAUSED, STOPPING, ENDING }

  private final RuntimeServices services;
  private final String milestoneId;
  private final ActorRef<Coordinator.Command> coordinator;
  private final ActorRef<BudgetKeeper.Command> budget;
  private final TimerScheduler<Command> timers;
  private final MilestoneRecord record;

  private Phase phase = Phase.PREPARING;
  private LaunchedWorker process;
  private WorkerSession session;
  private boolean reading;
  private Integer exitCode;
  private boolean exitPending;
  private boolean completedSeen;
  private StopWorker stopRequest;
  private int graceSeconds = 10;
  private boolean detached;
  private boolean pauseRequested;
  private long reportedOffset = -1;

  private MilestoneWorker(ActorContext<Command> context, TimerScheduler<Command> timers,
      RuntimeServices services, MilestoneRecord record, boolean adopt,
      ActorRef<Coordinator.Command> coordinator, ActorRef<BudgetKeeper.Command> budget) {
    super(context);
    this.timers = timers;
    this.services = services;
    this.milestoneId = record.id();
    this.record = record;
    this.coordinator = coordinator;
    this.budget = budget;
    begin(adopt);
  }

  /**
   * Creates the worker actor of one milestone.
   *
   * @param services the run's collaborators
   * @param record the milestone's record, with the saved ledger and log offset of earlier workers
   * @param adopt true to take over the live process named in the record instead of starting one
   * @param coordinator receives state, progress and the end of the worker
   * @param budget receives the milestone's cost
   */
  public static Behavior<Command> create(RuntimeServices services, MilestoneRecord record,
      boolean adopt, ActorRef<Coordinator.Command> coordinator,
      ActorRef<BudgetKeeper.Command> budget) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new MilestoneWorker(context, timers, services, record, adopt, coordinator, budget)));
  }

  private void begin(boolean adopt) {
    WorkerStarter starter = new WorkerStarter(services, record);
    CompletableFuture<WorkerStarter.Started> start = CompletableFuture.supplyAsync(
        adopt ? starter::adopt : starter::start, services.blocking());
    getContext().pipeToSelf(start, (started, failure) -> failure == null
        ? new Launched(started)
        : new LaunchFailed(rootMessage(failure)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Launched.class, this::onLaunched)
        .onMessage(LaunchFailed.class, this::onLaunchFailed)
        .onMessage(Poll.class, message -> onPoll())
        .onMessage(LogRead.class, this::onLogRead)
        .onMessage(LogReadFailed.class, this::onLogReadFailed)
        .onMessage(ProcessExited.class, this::onProcessExited)
        .onMessage(StopWorker.class, this::onStop)
        .onMessage(StopAlreadySignalled.class, stop ->
            stop(new StopWorker(stop.reason(), stop.budget(), false), true))
        .onMessage(PauseWorker.class, message -> onPause())
        .onMessage(ResumeWorker.class, message -> onResume())
        .onMessage(GraceExpired.class, message -> onGraceExpired())
        .onMessage(Finished.class, this::onFinished)
        .onMessage(Detach.class, message -> onDetach())
        .onMessage(Crash.class, message -> {
          throw new IllegalStateException("Worker actor of " + milestoneId + " asked to crash");
        })
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onLaunched(Launched launched) {
    WorkerStarter.Started started = launched.started();
    process = started.process();
    session = started.session();
    graceSeconds = started.stopGraceSeconds();

    phase = Phase.RUNNING;
    coordinator.tell(new Coordinator.WorkerLaunched(milestoneId, process.pid(),
        process.startTime(), started.attempt(), started.adopted(), started.logFile()));
    report(started.initialUpdate());
    if (started.adopted() && record.stateValue() == MilestoneState.PAUSED) {
      phase = Phase.PAUSED;
      coordinator.tell(new Coordinator.WorkerStateChanged(milestoneId, MilestoneState.PAUSED,
          null));
    }
    getContext().pipeToSelf(process.onExit(), (code, failure) ->
        new ProcessExited(failure == null ? code : LaunchedWorker.UNKNOWN_EXIT));
    timers.startTimerWithFixedDelay(Poll.INSTANCE, services.pollInterval());

    if (stopRequest != null) {
      return onStop(stopRequest);
    }
    if (pauseRequested) {
      return onPause();
    }
    return this;
  }

  private Behavior<Command> onLaunchFailed(LaunchFailed failed) {
    getContext().getLog().warn("Worker for milestone {} did not start: {}", milestoneId,
        failed.reason());
    return finish(MilestoneState.FAILED, withLogFile(failed.reason()));
  }

  private Behavior<Command> onPoll() {
    if (!reading && session != null) {
      read(false);
    }
    return this;
  }

  private void read(boolean last) {
    reading = true;
    WorkerSession current = session;
    CompletableFuture<SessionUpdate> update = CompletableFuture.supplyAsync(
        () -> last ? finishSession(current) : current.poll(), services.blocking());
    getContext().pipeToSelf(update, (result, failure) -> failure == null
        ? new LogRead(result, last)
        : new LogReadFailed(rootMessage(failure), last));
  }

  private SessionUpdate finishSession(WorkerSession current) {
    SessionUpdate update = current.finish();
    current.writeMetrics(Instant.now(), exitCode == null || exitCode == LaunchedWorker.UNKNOWN_EXIT
        ? null : exitCode);
    return update;
  }

  private Behavior<Command> onLogRead(LogRead read) {
    reading = false;
    report(read.update());

    if (read.last()) {
      return concludeAfterExit();
    }
    if (exitPending) {
      read(true);
    }
    return this;
  }

  private Behavior<Command> onLogReadFailed(LogReadFailed failed) {
    reading = false;
    getContext().getLog().warn("Reading the log of milestone {} failed: {}", milestoneId,
        failed.reason());
    if (failed.last()) {
      return concludeAfterExit();
    }
    if (exitPending) {
      read(true);
    }
    return this;
  }

  private void report(SessionUpdate update) {
    if (update == null) {
      return;
    }
    completedSeen |= update.completed();
    if (!update.changed() && update.offset() == reportedOffset) {
      return;
    }
    reportedOffset = update.offset();
    if (update.changed()) {
      budget.tell(new BudgetKeeper.CostReported(milestoneId, update.costUsd()));
    }
    coordinator.tell(new Coordinator.WorkerProgress(milestoneId, update));
  }

  private Behavior<Command> onProcessExited(ProcessExited exited) {
    exitCode = exited.exitCode();
    exitPending = true;
    timers.cancel(Poll.INSTANCE);
    timers.cancel(GraceExpired.INSTANCE);
    getContext().getLog().info("Worker of milestone {} (pid {}) exited with code {}", milestoneId,
        process.pid(), exitCode);
    // Leftover processes of the group (background jobs of the worker) end with it.
    signal(WorkerSignal.KILL);

    if (!reading) {
      read(true);
    }
    return this;
  }

  private Behavior<Command> concludeAfterExit() {
    phase = Phase.ENDING;
    // An adopted worker is not a child of this JVM, so its exit code cannot be read. A
    // completion event in its log is then the only evidence that it succeeded.
    boolean adoptedAndCompleted = exitCode == LaunchedWorker.UNKNOWN_EXIT && completedSeen
        && session.requiresCompletionEvent();
    boolean succeeded = adoptedAndCompleted
        || exitCode == 0 && (completedSeen || !session.requiresCompletionEvent());
    if (stopRequest != null && !succeeded) {
      MilestoneState state = stopRequest.budget()
          ? MilestoneState.BUDGET_STOPPED : MilestoneState.STOPPED;
      return finish(state, stopRequest.reason());
    }
    if (succeeded) {
      return recordCompletion();
    }
    if (exitCode == LaunchedWorker.UNKNOWN_EXIT) {
      return finish(MilestoneState.FAILED,
          "the adopted worker ended without a completion event, and its exit code is unknown"
              + " because an earlier coordinator started it");
    }
    if (exitCode == 0) {
      return finish(MilestoneState.FAILED,
          withLogFile("the worker exited with code 0 without sending its completion event"));
    }
    return finish(MilestoneState.FAILED,
        withLogFile("the worker exited with code " + exitCode));
  }

  /** Appends where the worker's output is, so that the reason tells the user where to look. */
  private String withLogFile(String reason) {
    Path logFile = services.projectRoot().relativize(services.store().logFile(milestoneId));
    String trimmed = reason.strip();
    String separator = trimmed.endsWith(".") ? " " : ". ";
    return trimmed + separator + "See " + logFile + ".";
  }

  private Behavior<Command> recordCompletion() {
    CompletableFuture<Void> recorded = CompletableFuture.runAsync(
        () -> new WorkerStarter(services, record).recordCompletion(session), services.blocking());
    getContext().pipeToSelf(recorded, (ignored, failure) -> failure == null
        ? new Finished(MilestoneState.COMPLETED, null)
        : new Finished(MilestoneState.FAILED,
            "the work finished but its completion could not be recorded: "
                + rootMessage(failure)));
    return this;
  }

  private Behavior<Command> onStop(StopWorker stop) {
    return stop(stop, false);
  }

  private Behavior<Command> stop(StopWorker stop, boolean termSent) {
    if (stopRequest == null || stop.force()) {
      stopRequest = stopRequest == null ? stop : new StopWorker(stopRequest.reason(),
          stopRequest.budget(), true);
    }
    if (process == null || exitPending) {
      return this;
    }
    getContext().getLog().info("Stopping worker of milestone {} (pid {}): {}", milestoneId,
        process.pid(), stop.reason());
    if (stop.force()) {
      signal(WorkerSignal.KILL);
      return this;
    }
    boolean wasPaused = phase == Phase.PAUSED;
    phase = Phase.STOPPING;
    coordinator.tell(new Coordinator.WorkerStateChanged(milestoneId, MilestoneState.STOPPING,
        stop.reason()));
    if (!termSent) {
      signal(WorkerSignal.TERM);
    }
    if (wasPaused) {
      // A stopped process only acts on SIGTERM once it runs again.
      signal(WorkerSignal.CONT);
    }
    timers.startSingleTimer(GraceExpired.INSTANCE, Duration.ofSeconds(graceSeconds));
    return this;
  }

  private Behavior<Command> onGraceExpired() {
    if (!exitPending) {
      getContext().getLog().warn("Worker of milestone {} outlived the {} s grace period;"
          + " killing its process group", milestoneId, graceSeconds);
      signal(WorkerSignal.KILL);
    }
    return this;
  }

  private Behavior<Command> onPause() {
    if (phase == Phase.PREPARING) {
      // The process does not exist yet; it is paused as soon as it starts.
      pauseRequested = true;
      return this;
    }
    if (phase != Phase.RUNNING) {
      return this;
    }
    getContext().getLog().info("Pausing worker of milestone {} (pid {})", milestoneId,
        process.pid());
    signal(WorkerSignal.STOP);
    phase = Phase.PAUSED;
    coordinator.tell(new Coordinator.WorkerStateChanged(milestoneId, MilestoneState.PAUSED, null));
    return this;
  }

  private Behavior<Command> onResume() {
    pauseRequested = false;
    if (phase != Phase.PAUSED) {
      return this;
    }
    getContext().getLog().info("Resuming worker of milestone {} (pid {})", milestoneId,
        process.pid());
    signal(WorkerSignal.CONT);
    phase = Phase.RUNNING;
    coordinator.tell(new Coordinator.WorkerStateChanged(milestoneId, MilestoneState.RUNNING,
        null));
    return this;
  }

  private Behavior<Command> finish(MilestoneState state, String reason) {
    getContext().getSelf().tell(new Finished(state, reason));
    return this;
  }

  private Behavior<Command> onFinished(Finished finished) {
    coordinator.tell(new Coordinator.WorkerEnded(milestoneId, finished.state(), exitCode,
        finished.reason(), Instant.now()));
    return Behaviors.stopped();
  }

  /** Signals the process group; signals are sent in order from this actor's thread. */
  private void signal(WorkerSignal signal) {
    if (process == null) {
      return;
    }
    try {
      process.signal(signal);
    } catch (RuntimeException e) {
      getContext().getLog().warn("Sending {} to the worker of milestone {} failed", signal,
          milestoneId, e);
    }
  }

  private Behavior<Command> onDetach() {
    getContext().getLog().info("Leaving the worker of milestone {} running for a later"
        + " coordinator", milestoneId);
    detached = true;
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop() {
    if (!detached && process != null && !process.onExit().isDone()) {
      getContext().getLog().warn("Worker actor of milestone {} stopped while pid {} still ran;"
          + " killing its process group", milestoneId, process.pid());
      signal(WorkerSignal.CONT);
      signal(WorkerSignal.KILL);
    }
    return this;
  }

  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause.getCause() != null
        && cause.getMessage() == null) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
