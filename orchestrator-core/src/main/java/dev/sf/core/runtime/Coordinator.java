package dev.sf.core.runtime;

import dev.sf.core.model.AutoMerge;
import dev.sf.core.model.MergeStrategy;
import dev.sf.core.model.Milestone;
import dev.sf.core.process.DefaultWorkerLauncher;
import dev.sf.core.process.ProcessSignals;
import dev.sf.core.process.SessionUpdate;
import dev.sf.spi.WorkerSignal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one coordinator session of a run: decides which milestones start (at most {@code
 * max_workers} at once, dependencies merged first), supervises one {@link MilestoneWorker} per
 * running milestone, stops every worker when the {@link BudgetKeeper} reports the ceiling,
 * merges completed milestones one at a time, and records every change under {@code
 * .sf/parallel}. It stops itself when no worker runs and nothing more can start without the user.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  /** Messages the coordinator accepts. */
  public sealed interface Command {}

  /** Asks for a status report. */
  public record GetStatus(ActorRef<StatusReport> replyTo) implements Command {}

  /** What a {@link Control} command does. */
  public enum Action { PAUSE, RESUME, STOP, MERGE }

  /**
   * Pauses, resumes, stops or merges one milestone, or all when {@code milestoneId} is null.
   * {@code force} on a stop kills at once.
   */
  public record Control(Action action, String milestoneId, boolean force,
      ActorRef<ControlReply> replyTo) implements Command {}

  /** The reply to {@link Control}; {@code exitCode} follows the CLI's codes. */
  public record ControlReply(boolean ok, int exitCode, String message) {}

  /** Ends the session: stops every worker, or leaves them running for a later coordinator. */
  public record Shutdown(boolean stopWorkers) implements Command {}

  /** A worker process started or was adopted. */
  public record WorkerLaunched(String milestoneId, long pid, Instant processStart, int attempt,
      boolean adopted, String logFile) implements Command {}

  /** A worker's log was read. */
  public record WorkerProgress(String milestoneId, SessionUpdate update) implements Command {}

  /** A worker was paused, resumed or is stopping. */
  public record WorkerStateChanged(String milestoneId, MilestoneState state, String reason)
      implements Command {}

  /** A worker actor finished; {@code state} is completed, failed, stopped or budget-stopped. */
  public record WorkerEnded(String milestoneId, MilestoneState state, Integer exitCode,
      String reason, Instant endedAt) implements Command {}

  /** The run passed 80 % of its ceiling. */
  public record BudgetWarningReached(BigDecimal ceilingUsd, BigDecimal totalUsd)
      implements Command {}

  /** The run reached its ceiling. */
  public record CeilingReached(BigDecimal ceilingUsd, BigDecimal totalUsd) implements Command {}

  /** The {@link ConflictWatcher}'s current list of predicted conflicts. */
  public record ConflictsPredicted(List<ConflictPrediction> conflicts) implements Command {}

  private record MergeFinished(MergeJob job, MilestoneMerger.Result result) implements Command {}

  private record WorkerTerminated(String milestoneId) implements Command {}

  private enum Flush implements Command { INSTANCE }

  private record Persisted(boolean last) implements Command {}

  private record MergeJob(String milestoneId, boolean partial, boolean confirm,
      ActorRef<ControlReply> replyTo) {}

  private final RuntimeServices services;
  private final TimerScheduler<Command> timers;
  private final ActorRef<BudgetKeeper.Command> budget;
  private final Map<String, MilestoneRecord> records = new LinkedHashMap<>();
  private final Map<String, ActorRef<MilestoneWorker.Command>> workers = new HashMap<>();
  private final Set<String> attempted = new HashSet<>();
  /** Milestones whose last merge in this run conflicted or failed, which fails the run. */
  private final Set<String> mergeFailed = new HashSet<>();
  private final Set<String> mergedComplete = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Deque<MergeJob> merges = new ArrayDeque<>();
  private final List<MergeBatch> batches = new ArrayList<>();
  private List<ConflictPrediction> predictedConflicts = List.of();
  private final BigDecimal retiredUsd;
  private RunRecord run;
  private boolean merging;
  private boolean budgetReached;
  private boolean noMoreStarts;
  private boolean finishing;
  private boolean leaveWorkers;
  private boolean runDirty;
  private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

  private Coordinator(ActorContext<Command> context, TimerScheduler<Command> timers,
      RuntimeServices services, RunRecord run, Map<String, MilestoneRecord> initial,
      Set<String> adopt, Set<String> mergedComplete, BigDecimal retiredUsd) {
    super(context);
    this.retiredUsd = retiredUsd;
    this.services = services;
    this.timers = timers;
    this.run = run;
    this.records.putAll(initial);
    this.mergedComplete.addAll(mergedComplete);
    this.budgetReached = RunRecord.BUDGET_REACHED.equals(run.budgetState());
    Map<String, BigDecimal> costs = new HashMap<>();
    initial.forEach((id, record) -> costs.put(id, record.costUsd()));
    if (retiredUsd.signum() > 0) {
      // Milestone ids cannot contain spaces, so this key never meets a real milestone's.
      costs.put("milestones no longer planned", retiredUsd);
    }
    this.budget = context.spawn(BudgetKeeper.create(run.budgetCeiling(), costs,
        !RunRecord.BUDGET_OK.equals(run.budgetState()), budgetReached, context.getSelf()),
        "budget");
    context.getLog().info("Coordinator started for run {} on branch {} with {} milestones",
        run.runId(), run.integrationBranch(), records.size());
    context.spawn(Behaviors.supervise(ConflictWatcher.create(services, context.getSelf(),
        ConflictWatcher.DEFAULT_INTERVAL)).onFailure(SupervisorStrategy.restart()),
        "conflict-watcher", DispatcherSelector.fromConfig("sf.blocking-dispatcher"));
    for (String id : adopt) {
      spawnWorker(records.get(id), true);
    }
    timers.startTimerWithFixedDelay(Flush.INSTANCE, Duration.ofMillis(200));
    markRunDirty();
    mergeLeftovers();
    scheduleNext();
    finishIfIdle();
  }

  /**
   * Creates the coordinator of one session.
   *
   * @param services the run's collaborators
   * @param run the run record, new or from disk
   * @param records a record for every milestone of the project, in dependency order
   * @param adopt ids of milestones whose recorded worker is alive and is taken over
   * @param mergedComplete ids the integration branch records as complete
   */
  public static Behavior<Command> create(RuntimeServices services, RunRecord run,
      Map<String, MilestoneRecord> records, Set<String> adopt, Set<String> mergedComplete) {
    return create(services, run, records, adopt, mergedComplete, BigDecimal.ZERO);
  }

  /**
   * Creates the coordinator of one session of a run whose earlier workers also worked on
   * milestones that are no longer planned.
   *
   * @param retiredUsd the cost of milestones that have a record but no milestone file any more;
   *     it stays in the run's total and counts against the ceiling
   */
  public static Behavior<Command> create(RuntimeServices services, RunRecord run,
      Map<String, MilestoneRecord> records, Set<String> adopt, Set<String> mergedComplete,
      BigDecimal retiredUsd) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new Coordinator(context, timers, services, run, records, adopt, mergedComplete,
            retiredUsd)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(Control.class, this::onControl)
        .onMessage(Shutdown.class, this::onShutdown)
        .onMessage(WorkerLaunched.class, this::onWorkerLaunched)
        .onMessage(WorkerProgress.class, this::onWorkerProgress)
        .onMessage(WorkerStateChanged.class, this::onWorkerStateChanged)
        .onMessage(WorkerEnded.class, this::onWorkerEnded)
        .onMessage(WorkerTerminated.class, this::onWorkerTerminated)
        .onMessage(BudgetWarningReached.class, this::onBudgetWarning)
        .onMessage(CeilingReached.class, this::onCeilingReached)
        .onMessage(ConflictsPredicted.class, this::onConflictsPredicted)
        .onMessage(MergeFinished.class, this::onMergeFinished)
        .onMessage(Flush.class, message -> onFlush())
        .onMessage(Persisted.class, this::onPersisted)
        .build();
  }

  // --- scheduling -------------------------------------------------------------------------

  private void scheduleNext() {
    if (budgetReached || noMoreStarts || finishing) {
      return;
    }
    int active = (int) records.values().stream().filter(r -> r.stateValue().hasWorker()).count();
    int limit = services.preferences().parallel().maxWorkers();
    for (Milestone milestone : services.milestones()) {
      if (active >= limit) {
        return;
      }
      if (canStart(milestone)) {
        MilestoneRecord starting = records.get(milestone.id())
            .withState(MilestoneState.STARTING, null);
        update(starting, true);
        spawnWorker(starting, false);
        active++;
      }
    }
  }

  private boolean canStart(Milestone milestone) {
    MilestoneRecord record = records.get(milestone.id());
    return record.stateValue().restartable()
        && !attempted.contains(milestone.id())
        && !mergedComplete.contains(milestone.id())
        && mergedComplete.containsAll(milestone.dependsOn());
  }

  private void spawnWorker(MilestoneRecord record, boolean adopt) {
    Behavior<MilestoneWorker.Command> behavior = Behaviors.supervise(
        MilestoneWorker.create(services, record, adopt, getContext().getSelf(), budget))
        .onFailure(SupervisorStrategy.stop());
    ActorRef<MilestoneWorker.Command> worker = getContext().spawn(behavior,
        "worker-" + record.id() + "-" + (record.attempts() + 1),
        DispatcherSelector.fromConfig("sf.blocking-dispatcher"));
    getContext().watchWith(worker, new WorkerTerminated(record.id()));
    workers.put(record.id(), worker);
    attempted.add(record.id());
    getContext().getLog().info("{} the worker of milestone {}", adopt ? "Adopting" : "Starting",
        record.id());
  }

  /** Merges milestones that completed under an earlier coordinator but were not merged. */
  private void mergeLeftovers() {
    for (Milestone milestone : services.milestones()) {
      MilestoneState state = records.get(milestone.id()).stateValue();
      boolean auto = autoMerge() == AutoMerge.AUTO && state == MilestoneState.COMPLETED;
      boolean confirm = autoMerge() == AutoMerge.CONFIRM
          && (state == MilestoneState.COMPLETED || state == MilestoneState.AWAITING_MERGE);
      if (auto || confirm) {
        requestMerge(new MergeJob(milestone.id(), false, confirm, null));
      }
    }
  }

  // --- worker reports ---------------------------------------------------------------------

  private Behavior<Command> onWorkerLaunched(WorkerLaunched launched) {
    MilestoneRecord record = records.get(launched.milestoneId())
        .withProcess(launched.pid(), launched.processStart(),
            launched.adopted() ? records.get(launched.milestoneId()).startedAt() : Instant.now(),
            launched.attempt(), launched.logFile())
        .withState(MilestoneState.RUNNING, null);
    update(record, true);

    emit(new RuntimeEvent.WorkerStarted(launched.milestoneId(), launched.pid(),
        launched.attempt(), launched.adopted()));
    emitState(record);
    return this;
  }

  private Behavior<Command> onWorkerProgress(WorkerProgress progress) {
    String id = progress.milestoneId();
    SessionUpdate update = progress.update();
    MilestoneRecord before = records.get(id);
    MilestoneRecord after = before.withProgress(update.offset(), update.ledger(),
        update.costUsd(), update.unpricedModels(), update.slicesDone(), update.latestActivity());
    update(after, false);

    if (before.costUsd().compareTo(after.costUsd()) != 0) {
      emit(new RuntimeEvent.CostUpdated(id, after.costUsd(), runTotal(), after.unpricedModels()));
    }
    if (update.latestActivity() != null
        && !update.latestActivity().equals(before.latestActivity())) {
      emit(new RuntimeEvent.Progress(id, update.latestActivity()));
    }
    for (String slice : update.newlyDone()) {
      emit(new RuntimeEvent.SliceFinished(id, slice, after.slicesDone().size(),
          after.slicesTotal()));
    }
    if (!update.newlyDone().isEmpty() && mergesPerSlice()) {
      requestMerge(new MergeJob(id, true, autoMerge() == AutoMerge.CONFIRM, null));
    }
    return this;
  }

  private Behavior<Command> onWorkerStateChanged(WorkerStateChanged changed) {
    MilestoneRecord record = records.get(changed.milestoneId())
        .withState(changed.state(), changed.reason());
    update(record, true);

    emitState(record);
    return this;
  }

  private Behavior<Command> onWorkerEnded(WorkerEnded ended) {
    String id = ended.milestoneId();
    workers.remove(id);
    MilestoneRecord record = records.get(id).withExit(ended.exitCode(), ended.endedAt())
        .withState(ended.state(), ended.reason());
    update(record, true);

    getContext().getLog().info("Worker of milestone {} ended as {}{}", id,
        ended.state().wireName(), ended.reason() == null ? "" : ": " + ended.reason());
    emit(new RuntimeEvent.WorkerExited(id, ended.state().wireName(), ended.exitCode(),
        ended.reason()));
    emitState(record);
    if (ended.state() == MilestoneState.COMPLETED) {
      onCompleted(id);
    }
    scheduleNext();
    finishIfIdle();
    return this;
  }

  private Behavior<Command> onWorkerTerminated(WorkerTerminated terminated) {
    String id = terminated.milestoneId();
    if (workers.remove(id) != null && records.get(id).stateValue().hasWorker()) {
      // The actor stopped without reporting an end: it failed and supervision stopped it.
      MilestoneRecord record = records.get(id).withState(MilestoneState.FAILED,
          "the worker actor failed unexpectedly; its processes were killed");
      update(record, true);
      getContext().getLog().error("Worker actor of milestone {} failed; marked as failed", id);
      emit(new RuntimeEvent.WorkerExited(id, MilestoneState.FAILED.wireName(), null,
          record.reason()));
      emitState(record);
      scheduleNext();
      finishIfIdle();
    }
    return this;
  }

  private void onCompleted(String id) {
    switch (autoMerge()) {
      case AUTO -> requestMerge(new MergeJob(id, false, false, null));
      case CONFIRM -> requestMerge(new MergeJob(id, false, true, null));
      case MANUAL -> getContext().getLog().info(
          "Milestone {} is complete; merge it with 'sf parallel merge {}'", id, id);
    }
  }

  // --- budget -----------------------------------------------------------------------------

  private Behavior<Command> onBudgetWarning(BudgetWarningReached warning) {
    run = withBudgetState(RunRecord.BUDGET_WARNED);
    markRunDirty();

    emit(new RuntimeEvent.BudgetWarning(warning.ceilingUsd(), warning.totalUsd()));
    return this;
  }

  private Behavior<Command> onCeilingReached(CeilingReached reached) {
    budgetReached = true;
    run = withBudgetState(RunRecord.BUDGET_REACHED);
    String reason = "budget ceiling " + reached.ceilingUsd().toPlainString()
        + " USD reached at " + reached.totalUsd().toPlainString() + " USD";
    stopAllForBudget(reason);
    markRunDirty();

    getContext().getLog().info("Stopping {} workers: {}", workers.size(), reason);
    emit(new RuntimeEvent.CeilingReached(reached.ceilingUsd(), reached.totalUsd()));
    flush();
    finishIfIdle();
    return this;
  }

  /**
   * Stops every worker at once. With the built-in launcher, one {@code kill} call sends SIGTERM to
   * every running group, so the last worker hears it as soon as the first.
   */
  private void stopAllForBudget(String reason) {
    boolean batch = services.launcher() instanceof DefaultWorkerLauncher;
    Set<String> signalled = new HashSet<>();
    List<Long> groups = new ArrayList<>();
    for (String id : workers.keySet()) {
      MilestoneRecord record = records.get(id);
      if (batch && record.pid() != null && record.stateValue() == MilestoneState.RUNNING) {
        signalled.add(id);
        groups.add(record.pid());
      }
    }
    if (!groups.isEmpty()) {
      CompletableFuture.runAsync(() -> ProcessSignals.signalGroups(WorkerSignal.TERM, groups),
          services.blocking());
    }
    // Paused and starting workers, and workers of other launchers, stop themselves.
    for (Map.Entry<String, ActorRef<MilestoneWorker.Command>> worker : workers.entrySet()) {
      worker.getValue().tell(signalled.contains(worker.getKey())
          ? new MilestoneWorker.StopAlreadySignalled(reason, true)
          : new MilestoneWorker.StopWorker(reason, true, false));
    }
  }

  private RunRecord withBudgetState(String state) {
    if (RunRecord.BUDGET_REACHED.equals(run.budgetState())) {
      state = RunRecord.BUDGET_REACHED;
    }
    return new RunRecord(run.runId(), run.integrationBranch(), run.startedAt(), Instant.now(),
        run.budgetCeiling(), runTotal(), state, run.finishedAt());
  }

  // --- control ----------------------------------------------------------------------------

  private Behavior<Command> onControl(Control control) {
    String id = control.milestoneId();
    if (id != null && !records.containsKey(id)) {
      control.replyTo().tell(new ControlReply(false, 2, "Unknown milestone '" + id
          + "'. Known milestones: " + String.join(", ", records.keySet()) + "."));
      return this;
    }
    switch (control.action()) {
      case PAUSE -> control.replyTo().tell(signalWorkers(id, MilestoneWorker.PauseWorker.INSTANCE,
          "Paused", "paused"));
      case RESUME -> control.replyTo().tell(signalWorkers(id,
          MilestoneWorker.ResumeWorker.INSTANCE, "Resumed", "resumed"));
      case STOP -> control.replyTo().tell(stop(id, control.force()));
      case MERGE -> merge(id, control.replyTo());
    }
    return this;
  }

  private ControlReply signalWorkers(String id, MilestoneWorker.Command command, String verb,
      String noun) {
    List<String> reached = new ArrayList<>();
    for (Map.Entry<String, ActorRef<MilestoneWorker.Command>> worker : workers.entrySet()) {
      if (id == null || id.equals(worker.getKey())) {
        worker.getValue().tell(command);
        reached.add(worker.getKey());
      }
    }
    if (reached.isEmpty()) {
      return new ControlReply(id == null, id == null ? 0 : 1, id == null
          ? "No worker is running."
          : "Milestone " + id + " has no running worker (state: "
              + records.get(id).state() + ").");
    }
    reached.sort(null);
    getContext().getLog().info("{} workers: {}", verb, reached);
    return new ControlReply(true, 0, verb + " " + String.join(", ", reached) + ".");
  }

  private ControlReply stop(String id, boolean force) {
    if (id == null) {
      noMoreStarts = true;
    }
    List<String> reached = new ArrayList<>();
    for (Map.Entry<String, ActorRef<MilestoneWorker.Command>> worker : workers.entrySet()) {
      if (id == null || id.equals(worker.getKey())) {
        worker.getValue().tell(new MilestoneWorker.StopWorker("stopped by the user", false,
            force));
        reached.add(worker.getKey());
      }
    }
    finishIfIdle();
    if (reached.isEmpty()) {
      return new ControlReply(id == null, id == null ? 0 : 1, id == null
          ? "No worker is running; no new worker will start."
          : "Milestone " + id + " has no running worker (state: " + records.get(id).state()
              + ").");
    }
    reached.sort(null);
    getContext().getLog().info("Stopping workers at the user's request: {}", reached);
    return new ControlReply(true, 0, "Stopping " + String.join(", ", reached)
        + (force ? " (killed)." : "."));
  }

  private void merge(String id, ActorRef<ControlReply> replyTo) {
    List<String> ids = new ArrayList<>();
    for (Milestone milestone : services.milestones()) {
      MilestoneState state = records.get(milestone.id()).stateValue();
      boolean requested = id == null || id.equals(milestone.id());
      if (requested && state.awaitsMerge()) {
        ids.add(milestone.id());
      }
    }
    if (ids.isEmpty()) {
      replyTo.tell(new ControlReply(id == null, id == null ? 0 : 1, id == null
          ? "No completed milestone is waiting to be merged."
          : "Milestone " + id + " is not waiting to be merged (state: "
              + records.get(id).state() + ")."));
      return;
    }
    MergeBatch batch = new MergeBatch(replyTo, new HashSet<>(ids));
    batches.add(batch);
    for (String milestoneId : ids) {
      requestMerge(new MergeJob(milestoneId, false, false, replyTo));
    }
  }

  private Behavior<Command> onShutdown(Shutdown shutdown) {
    noMoreStarts = true;
    if (shutdown.stopWorkers()) {
      stop(null, false);
    } else {
      leaveWorkers = true;
      workers.values().forEach(worker -> worker.tell(MilestoneWorker.Detach.INSTANCE));
      workers.clear();
    }
    finishIfIdle();
    return this;
  }

  // --- merging ----------------------------------------------------------------------------

  private void requestMerge(MergeJob job) {
    merges.add(job);
    runNextMerge();
  }

  private void runNextMerge() {
    if (merging || merges.isEmpty()) {
      return;
    }
    MergeJob job = merges.poll();
    MilestoneRecord record = records.get(job.milestoneId());
    if (!job.partial()) {
      update(record.withState(MilestoneState.MERGING, null), true);
    }
    merging = true;
    MilestoneMerger merger = new MilestoneMerger(services);
    CompletableFuture<MilestoneMerger.Result> result = CompletableFuture.supplyAsync(
        () -> merger.merge(records.get(job.milestoneId()), job.partial(), job.confirm()),
        services.blocking());
    getContext().pipeToSelf(result, (done, failure) -> new MergeFinished(job, failure == null
        ? done : MilestoneMerger.Result.failed(MilestoneWorker.rootMessage(failure))));
  }

  private Behavior<Command> onMergeFinished(MergeFinished finished) {
    merging = false;
    MergeJob job = finished.job();
    String id = job.milestoneId();
    MilestoneMerger.Result result = finished.result();
    MilestoneRecord record = records.get(id);
    MilestoneRecord next = applyMergeResult(record, job, result);
    update(next, true);
    switch (result.kind()) {
      case CONFLICT, REFUSED, FAILED -> mergeFailed.add(id);
      case MERGED, NOTHING -> mergeFailed.remove(id);
      default -> { }
    }

    emitMergeEvent(id, job, result);
    if (!job.partial()) {
      emitState(next);
    }
    completeBatches(id, result);
    runNextMerge();
    scheduleNext();
    finishIfIdle();
    return this;
  }

  private MilestoneRecord applyMergeResult(MilestoneRecord record, MergeJob job,
      MilestoneMerger.Result result) {
    String mergedCommit = result.branchCommit() == null ? record.mergedCommit()
        : result.branchCommit();
    if (job.partial()) {
      return result.kind() == MilestoneMerger.Kind.CONFLICT
          ? record.withMerge(record.mergedCommit(), result.files())
          : record.withMerge(mergedCommit, List.of());
    }
    switch (result.kind()) {
      case MERGED, NOTHING -> {
        mergedComplete.add(record.id());
        return record.withMerge(mergedCommit, List.of())
            .withState(MilestoneState.MERGED, result.message());
      }
      case CONFLICT -> {
        return record.withMerge(record.mergedCommit(), result.files())
            .withState(MilestoneState.CONFLICT, result.message());
      }
      case DECLINED -> {
        return record.withState(MilestoneState.COMPLETED, result.message());
      }
      case UNANSWERED -> {
        return record.withState(MilestoneState.AWAITING_MERGE, result.message());
      }
      default -> {
        MilestoneState previous = record.stateValue() == MilestoneState.MERGING
            ? MilestoneState.COMPLETED : record.stateValue();
        return record.withState(previous, result.message());
      }
    }
  }

  private void emitMergeEvent(String id, MergeJob job, MilestoneMerger.Result result) {
    switch (result.kind()) {
      case MERGED, NOTHING -> emit(new RuntimeEvent.Merged(id, result.commit(), job.partial(),
          result.notes()));
      case CONFLICT -> emit(new RuntimeEvent.MergeFailed(id, true, result.files(),
          result.message()));
      case REFUSED, FAILED -> emit(new RuntimeEvent.MergeFailed(id, false, result.files(),
          result.message()));
      default -> { }
    }
  }

  private void completeBatches(String id, MilestoneMerger.Result result) {
    for (MergeBatch batch : new ArrayList<>(batches)) {
      if (batch.pending.remove(id)) {
        batch.results.add(id + ": " + result.summary());
        batch.failed |= result.kind() != MilestoneMerger.Kind.MERGED
            && result.kind() != MilestoneMerger.Kind.NOTHING;
        if (batch.pending.isEmpty()) {
          batches.remove(batch);
          batch.replyTo.tell(new ControlReply(!batch.failed, batch.failed ? 1 : 0,
              String.join(System.lineSeparator(), batch.results)));
        }
      }
    }
  }

  private static final class MergeBatch {
    final ActorRef<ControlReply> replyTo;
    final Set<String> pending;
    final List<String> results = new ArrayList<>();
    boolean failed;

    MergeBatch(ActorRef<ControlReply> replyTo, Set<String> pending) {
      this.replyTo = replyTo;
      this.pending = pending;
    }
  }

  // --- status -----------------------------------------------------------------------------

  private Behavior<Command> onGetStatus(GetStatus request) {
    request.replyTo().tell(new StatusReport(currentRun(), List.copyOf(records.values()), true,
        budgetReached, predictedConflicts));
    return this;
  }

  private Behavior<Command> onConflictsPredicted(ConflictsPredicted predicted) {
    predictedConflicts = predicted.conflicts();
    return this;
  }

  // --- ending -----------------------------------------------------------------------------

  private void finishIfIdle() {
    if (finishing || merging || !merges.isEmpty() || !workers.isEmpty()) {
      return;
    }
    boolean anyActive = !leaveWorkers
        && records.values().stream().anyMatch(r -> r.stateValue().hasWorker());
    if (anyActive) {
      return;
    }
    finishing = true;
    run = new RunRecord(run.runId(), run.integrationBranch(), run.startedAt(), Instant.now(),
        run.budgetCeiling(), runTotal(), run.budgetState(), leaveWorkers ? null : Instant.now());
    markRunDirty();
    persist(true);
  }

  private Behavior<Command> onPersisted(Persisted persisted) {
    if (!persisted.last()) {
      return this;
    }
    int exitCode = exitCode();
    getContext().getLog().info("Coordinator of run {} finished with exit code {}", run.runId(),
        exitCode);
    emit(new RuntimeEvent.RunFinished(exitCode, budgetReached ? "budget-stopped" : "finished"));
    return Behaviors.stopped();
  }

  private int exitCode() {
    if (budgetReached || !mergeFailed.isEmpty()) {
      return 1;
    }
    for (String id : attempted) {
      MilestoneState state = records.get(id).stateValue();
      boolean ok = state == MilestoneState.MERGED
          || autoMerge() != AutoMerge.AUTO && (state == MilestoneState.COMPLETED
              || state == MilestoneState.AWAITING_MERGE);
      if (!ok) {
        return 1;
      }
    }
    return 0;
  }

  // --- state files ------------------------------------------------------------------------

  private void update(MilestoneRecord record, boolean now) {
    records.put(record.id(), record);
    dirty.add(record.id());
    runDirty = true;
    if (now) {
      flush();
    }
  }

  private void markRunDirty() {
    runDirty = true;
  }

  private Behavior<Command> onFlush() {
    flush();
    return this;
  }

  private void flush() {
    persist(false);
  }

  private void persist(boolean last) {
    List<MilestoneRecord> changed = new ArrayList<>();
    for (String id : dirty) {
      changed.add(records.get(id));
    }
    dirty.clear();
    RunRecord runToWrite = runDirty || last ? currentRun() : null;
    runDirty = false;
    if (changed.isEmpty() && runToWrite == null && !last) {
      return;
    }
    RunStore store = services.store();
    writes = writes.thenRunAsync(() -> {
      try {
        for (MilestoneRecord record : changed) {
          store.writeMilestone(record);
        }
        if (runToWrite != null) {
          store.writeRun(runToWrite);
        }
      } catch (java.io.IOException e) {
        org.slf4j.LoggerFactory.getLogger(Coordinator.class)
            .error("Writing the run state under {} failed", store.parallelDir(), e);
      }
    }, services.blocking());
    if (last) {
      getContext().pipeToSelf(writes, (ignored, failure) -> new Persisted(true));
    }
  }

  private RunRecord currentRun() {
    return new RunRecord(run.runId(), run.integrationBranch(), run.startedAt(), Instant.now(),
        run.budgetCeiling(), runTotal(), run.budgetState(), run.finishedAt());
  }

  private BigDecimal runTotal() {
    return records.values().stream().map(MilestoneRecord::costUsd)
        .reduce(retiredUsd, BigDecimal::add);
  }

  // --- helpers ----------------------------------------------------------------------------

  private AutoMerge autoMerge() {
    return services.preferences().parallel().autoMerge();
  }

  private boolean mergesPerSlice() {
    return services.preferences().parallel().mergeStrategy() == MergeStrategy.PER_SLICE
        && autoMerge() != AutoMerge.MANUAL;
  }

  private void emitState(MilestoneRecord record) {
    emit(new RuntimeEvent.StateChanged(record.id(), record.state(), record.reason()));
  }

  private void emit(RuntimeEvent event) {
    try {
      services.events().accept(event);
    } catch (RuntimeException e) {
      getContext().getLog().warn("An event listener failed on {}", event, e);
    }
  }
}
