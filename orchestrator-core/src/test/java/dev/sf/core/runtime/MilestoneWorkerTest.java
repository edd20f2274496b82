package dev.sf.core.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Drives one worker actor over a real process, with probes as coordinator and budget keeper. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MilestoneWorkerTest {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final DispatcherSelector BLOCKING =
      DispatcherSelector.fromConfig("sf.blocking-dispatcher");

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private final AtomicInteger spawned = new AtomicInteger();

  @Test
  void reportsLaunchCostAndCompletion(@TempDir Path temp) throws IOException {
    TestProject fixture = TestProject.create(temp, 1, null)
        .milestone("M001", "", TestProject.COMPLETE_AT_ONCE).commit();
    TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    TestProbe<BudgetKeeper.Command> budget = testKit.createTestProbe();

    spawnWorker(fixture, coordinator, budget, false);

    Coordinator.WorkerLaunched launched = next(coordinator, Coordinator.WorkerLaunched.class);
    assertEquals("M001", launched.milestoneId());
    assertEquals(1, launched.attempt());
    BudgetKeeper.CostReported cost = budget.expectMessageClass(
        BudgetKeeper.CostReported.class, LONG);
    assertEquals(0, new BigDecimal("0.1").compareTo(cost.milestoneUsd()));
    Coordinator.WorkerEnded ended = next(coordinator, Coordinator.WorkerEnded.class);
    assertEquals(MilestoneState.COMPLETED, ended.state());
    assertEquals(0, ended.exitCode());
    assertTrue(Files.exists(fixture.root.resolve(
        ".sf/worktrees/M001/.sf/milestones/M001/status.yaml")));
  }

  @Test
  void pauseResumeAndBudgetStopReachTheGroup(@TempDir Path temp) throws IOException {
    TestProject fixture = TestProject.create(temp, 1, null)
        .milestone("M001", "", TestProject.RUN_UNTIL_FINISHED).commit();
    TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    TestProbe<BudgetKeeper.Command> budget = testKit.createTestProbe();
    ActorRef<MilestoneWorker.Command> worker = spawnWorker(fixture, coordinator, budget, false);
    long group = next(coordinator, Coordinator.WorkerLaunched.class).pid();

    worker.tell(MilestoneWorker.PauseWorker.INSTANCE);

    assertEquals(MilestoneState.PAUSED,
        next(coordinator, Coordinator.WorkerStateChanged.class).state());
    await().atMost(LONG).until(() -> ProcessTable.allStopped(group));

    worker.tell(MilestoneWorker.ResumeWorker.INSTANCE);

    assertEquals(MilestoneState.RUNNING,
        next(coordinator, Coordinator.WorkerStateChanged.class).state());
    await().atMost(LONG).until(() -> ProcessTable.noneStopped(group));

    worker.tell(MilestoneWorker.PauseWorker.INSTANCE);
    worker.tell(new MilestoneWorker.StopWorker("over budget", true, false));

    Coordinator.WorkerEnded ended = next(coordinator, Coordinator.WorkerEnded.class);
    assertEquals(MilestoneState.BUDGET_STOPPED, ended.state());
    assertEquals("over budget", ended.reason());
    coordinator.expectTerminated(worker, LONG);
    await().atMost(LONG).until(() -> !ProcessTable.alive(group));
  }

  @Test
  void crashedActorKillsItsProcessGroup(@TempDir Path temp) throws IOException {
    TestProject fixture = TestProject.create(temp, 1, null)
        .milestone("M001", "", TestProject.RUN_UNTIL_FINISHED).commit();
    TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    TestProbe<BudgetKeeper.Command> budget = testKit.createTestProbe();
    ActorRef<MilestoneWorker.Command> worker = spawnWorker(fixture, coordinator, budget, true);
    long group = next(coordinator, Coordinator.WorkerLaunched.class).pid();
    await().atMost(LONG).until(() -> ProcessTable.group(group).size() >= 2);

    worker.tell(MilestoneWorker.Crash.INSTANCE);

    coordinator.expectTerminated(worker, LONG);
    await().atMost(LONG).until(() -> !ProcessTable.alive(group));
  }

  private ActorRef<MilestoneWorker.Command> spawnWorker(TestProject fixture,
      TestProbe<Coordinator.Command> coordinator, TestProbe<BudgetKeeper.Command> budget,
      boolean supervised) {
    ProjectSession session = fixture.session();
    Executor blocking = testKit.system().dispatchers().lookup(BLOCKING);
    RuntimeServices services = TestProject.services(session, blocking, event -> { });
    MilestoneRecord record = session.records(session.milestones()).get("M001");
    var behavior = MilestoneWorker.create(services, record, false, coordinator.ref(),
        budget.ref());
    if (supervised) {
      behavior = Behaviors.supervise(behavior).onFailure(SupervisorStrategy.stop());
    }
    // A fresh name each time: a worker left over from a failed test must not take it.
    return testKit.spawn(behavior, "worker-M001-" + spawned.incrementAndGet(), BLOCKING);
  }

  /** Skips progress reports until a message of the given type arrives. */
  static <T extends Coordinator.Command> T next(TestProbe<Coordinator.Command> probe,
      Class<T> type) {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (System.nanoTime() < deadline) {
      Coordinator.Command message = probe.receiveMessage(LONG);
      if (type.isInstance(message)) {
        return type.cast(message);
      }
    }
    throw new AssertionError("No " + type.getSimpleName() + " within " + LONG);
  }
}
