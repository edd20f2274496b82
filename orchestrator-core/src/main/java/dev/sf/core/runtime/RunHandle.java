package dev.sf.core.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.sf.core.control.ControlRequest;
import dev.sf.core.control.ControlResponse;
import dev.sf.core.control.ControlServer;
import dev.sf.core.control.CoordinatorLock;
import dev.sf.core.git.StaleGitLocks;
import dev.sf.core.model.Milestone;
import dev.sf.core.model.Preferences;
import dev.sf.errors.InvalidUsageException;
import dev.sf.errors.SfException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator session in this JVM: takes the project's coordinator lock, recovers the
 * recorded run (adopting live workers, failing dead ones with their cost), spawns the
 * coordinator, serves commands from other terminals, and releases everything when the
 * coordinator ends.
 */
public final class RunHandle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunHandle.class);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MERGE_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Configuration of the actor system a run creates for itself: the run terminates that system
   * when it ends, so Pekko's JVM shutdown hook is not needed, and registering it fails with a
   * warning when the JVM is already shutting down. Systems passed in by the caller keep their own
   * configuration.
   */
  private static final Config OWN_SYSTEM_CONFIG = ConfigFactory
      .parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
      .withFallback(ConfigFactory.load());

  private final ProjectSession session;
  private final ActorSystem<?> system;
  private final boolean ownSystem;
  private final CoordinatorLock lock;
  private final CompletableFuture<Integer> completion = new CompletableFuture<>();
  private ActorRef<Coordinator.Command> coordinator;
  private ControlServer server;

  private RunHandle(ProjectSession session, ActorSystem<?> system, boolean ownSystem,
      CoordinatorLock lock) {
    this.session = session;
    this.system = system;
    this.ownSystem = ownSystem;
    this.lock = lock;
  }

  /**
   * Starts a coordinator session.
   *
   * @param session the project
   * @param external an actor system to run in, or null to create one
   * @param confirmer asks before merges with {@code auto_merge: confirm}
   * @param events receives every runtime event
   * @param acceptCommands true to serve commands from other processes
   * @throws InvalidUsageException when parallel runs are disabled or there are no milestones
   * @throws dev.sf.errors.ConfigException when the preferences or milestones are invalid
   */
  public static RunHandle start(ProjectSession session, ActorSystem<?> external,
      MergeConfirmer confirmer, Consumer<RuntimeEvent> events, boolean acceptCommands) {
    Preferences preferences = session.preferences().preferences();
    if (!preferences.parallel().enabled()) {
      throw new InvalidUsageException("Parallel runs are disabled: parallel.enabled is false."
          + " Set 'parallel: {enabled: true}' in .sf/preferences.yaml to use sf parallel.");
    }
    List<Milestone> milestones = session.milestones();
    if (milestones.isEmpty()) {
      throw new InvalidUsageException("No milestones found under "
          + session.root().resolve(".sf/milestones") + ". Create"
          + " .sf/milestones/M001/MILESTONE.md to plan one.");
    }
    String branch = session.integrationBranch();
    CoordinatorLock lock = CoordinatorLock.acquire(session.root());
    ActorSystem<?> system = external;
    try {
      session.git().ensureRuntimeExcludes();
      if (session.recordedRun().isPresent()) {
        // A coordinator killed in the middle of a merge leaves the branch or index locked.
        StaleGitLocks.removeAbandoned(session.root());
        session.git().finishInterruptedMerge().ifPresent(done ->
            log.warn("Recovered the project root: {}", done));
      }
      if (system == null) {
        system = ActorSystem.create(Behaviors.empty(), "sf", OWN_SYSTEM_CONFIG);
      }
      RunHandle handle = new RunHandle(session, system, external == null, lock);
      handle.launch(preferences, milestones, branch, confirmer, events, acceptCommands);
      return handle;
    } catch (RuntimeException e) {
      if (external == null && system != null) {
        system.terminate();
      }
      lock.close();
      throw e;
    }
  }

  private void launch(Preferences preferences, List<Milestone> milestones, String branch,
      MergeConfirmer confirmer, Consumer<RuntimeEvent> events, boolean acceptCommands) {
    Executor blocking = system.dispatchers()
        .lookup(DispatcherSelector.fromConfig("sf.blocking-dispatcher"));
    Consumer<RuntimeEvent> sink = event -> {
      events.accept(event);
      if (event instanceof RuntimeEvent.RunFinished finished) {
        completion.complete(finished.exitCode());
      }
    };
    RuntimeServices services = new RuntimeServices(session.root(), branch, preferences,
        milestones, session.git(), session.launcher(), session.formats(), session.store(),
        blocking, session.pollInterval(), confirmer == null ? MergeConfirmer.NOBODY : confirmer,
        sink);

    Map<String, MilestoneRecord> records = session.records(milestones);
    Set<String> adopt = new HashSet<>();
    Recovery.recover(services, records, adopt);
    Set<String> mergedComplete = new HashSet<>(session.mergedComplete(milestones, branch));
    records.values().stream().filter(r -> r.stateValue() == MilestoneState.MERGED)
        .forEach(r -> mergedComplete.add(r.id()));
    BigDecimal retired = session.retiredCost(milestones);
    RunRecord run = runRecord(preferences, branch, records, retired);

    Behavior<Coordinator.Command> guardian = guardian(
        Coordinator.create(services, run, records, adopt, mergedComplete, retired));
    coordinator = system.systemActorOf(guardian, "sf-run-" + run.runId() + "-"
        + UUID.randomUUID().toString().substring(0, 8), Props.empty());
    log.info("Run {} started in {} on branch {}", run.runId(), session.root(), branch);
    if (acceptCommands) {
      server = ControlServer.start(session.root(), this::handle);
    }
    completion.whenComplete((code, failure) -> release());
  }

  private RunRecord runRecord(Preferences preferences, String branch,
      Map<String, MilestoneRecord> records, BigDecimal retired) {
    BigDecimal total = records.values().stream().map(MilestoneRecord::costUsd)
        .reduce(retired, BigDecimal::add);
    BigDecimal ceiling = preferences.parallel().budgetCeiling();
    String budgetState = RunRecord.BUDGET_OK;
    if (ceiling != null && total.compareTo(ceiling) >= 0) {
      budgetState = RunRecord.BUDGET_REACHED;
    } else if (ceiling != null && total.compareTo(ceiling.multiply(new BigDecimal("0.8"))) >= 0) {
      budgetState = RunRecord.BUDGET_WARNED;
    }
    RunRecord recorded = session.recordedRun().orElse(null);
    String runId = recorded == null ? newRunId() : recorded.runId();
    Instant startedAt = recorded == null ? Instant.now() : recorded.startedAt();
    return new RunRecord(runId, branch, startedAt, Instant.now(), ceiling, total, budgetState,
        null);
  }

  private static String newRunId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Forwards everything to the coordinator and completes the run if the coordinator dies. */
  private Behavior<Coordinator.Command> guardian(Behavior<Coordinator.Command> behavior) {
    return Behaviors.setup(context -> {
      ActorRef<Coordinator.Command> child = context.spawn(behavior, "coordinator");
      context.watch(child);
      return Behaviors.receive(Coordinator.Command.class)
          .onAnyMessage(message -> {
            child.tell(message);
            return Behaviors.same();
          })
          .onSignal(Terminated.class, terminated -> {
            if (!completion.isDone()) {
              log.error("The coordinator stopped without finishing the run; see the log above");
              completion.complete(1);
            }
            return Behaviors.stopped();
          })
          .build();
    });
  }

  /** Returns a future that completes with the run's exit code when the coordinator ends. */
  public CompletableFuture<Integer> completion() {
    return completion;
  }

  /** Asks the coordinator for a status report. */
  public CompletionStage<StatusReport> status() {
    return AskPattern.ask(coordinator, Coordinator.GetStatus::new, ASK_TIMEOUT,
        system.scheduler());
  }

  /** Pauses, resumes, stops or merges one milestone, or all when {@code milestoneId} is null. */
  public CompletionStage<Coordinator.ControlReply> control(Coordinator.Action action,
      String milestoneId, boolean force) {
    Duration timeout = action == Coordinator.Action.MERGE ? MERGE_TIMEOUT : ASK_TIMEOUT;
    return AskPattern.ask(coordinator,
        (ActorRef<Coordinator.ControlReply> replyTo) -> new Coordinator.Control(action,
            milestoneId, force, replyTo), timeout, system.scheduler());
  }

  /** Ends the session: stops every worker, or leaves them running for a later coordinator. */
  public void shutdown(boolean stopWorkers) {
    coordinator.tell(new Coordinator.Shutdown(stopWorkers));
  }

  /** Returns the actor that accepts {@link Coordinator.Command}s, for Pekko users. */
  public ActorRef<Coordinator.Command> coordinator() {
    return coordinator;
  }

  private CompletionStage<ControlResponse> handle(ControlRequest request) {
    String id = request.milestoneId().orElse(null);
    switch (request.command()) {
      case PING:
        return CompletableFuture.completedFuture(ControlResponse.success("pong"));
      case STATUS:
        return status().thenApply(report -> ControlResponse.success("status",
            (ObjectNode) RunStore.json().valueToTree(report)));
      case PAUSE:
        return reply(control(Coordinator.Action.PAUSE, id, false));
      case RESUME:
        return reply(control(Coordinator.Action.RESUME, id, false));
      case STOP:
        return reply(control(Coordinator.Action.STOP, id, request.force()));
      case MERGE:
        return reply(control(Coordinator.Action.MERGE, id, false));
      default:
        return CompletableFuture.completedFuture(
            ControlResponse.invalid("Unknown command " + request.command()));
    }
  }

  private static CompletionStage<ControlResponse> reply(
      CompletionStage<Coordinator.ControlReply> reply) {
    return reply.thenApply(answer -> new ControlResponse(answer.ok(), answer.message(),
        answer.exitCode(), null));
  }

  private synchronized void release() {
    if (server != null) {
      server.close();
      server = null;
    }
    lock.close();
    if (ownSystem) {
      system.terminate();
    }
    log.info("Coordinator session in {} ended", session.root());
  }

  /**
   * Ends the session, stopping every worker, and waits for the coordinator to finish.
   *
   * @throws SfException when the coordinator does not finish within a minute
   */
  @Override
  public void close() {
    if (completion.isDone()) {
      return;
    }
    shutdown(true);
    try {
      completion.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new SfException("The coordinator did not finish within 60 s of being closed", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new SfException("The coordinator failed while closing: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SfException("Interrupted while waiting for the coordinator to finish", e);
    }
  }
}
