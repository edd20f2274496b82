package dev.sf.core.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Drives a coordinator spawned in the test kit through its protocol, over real workers. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinatorTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private final ConcurrentLinkedQueue<RuntimeEvent> events = new ConcurrentLinkedQueue<>();
  private int coordinators;

  @Test
  void crashedWorkerIsFailedAndItsGroupKilled(@TempDir Path temp) throws IOException {
    TestProject fixture = TestProject.create(temp, 2, null)
        .milestone("M001", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M002", "", TestProject.RUN_UNTIL_FINISHED)
        .commit();
    String name = "coordinator-" + (++coordinators);
    ActorRef<Coordinator.Command> coordinator = spawnCoordinator(fixture, name);
    await().atMost(LONG).until(() -> running(coordinator, "M001") && running(coordinator, "M002"));
    long group = record(coordinator, "M001").pid();

    Adapter.toClassic(testKit.system()).actorSelection("/user/" + name + "/worker-M001-1")
        .tell(MilestoneWorker.Crash.INSTANCE, org.apache.pekko.actor.ActorRef.noSender());

    await().atMost(LONG).until(() -> record(coordinator, "M001").stateValue()
        == MilestoneState.FAILED);
    assertTrue(record(coordinator, "M001").reason().contains("failed unexpectedly"));
    await().atMost(LONG).until(() -> !ProcessTable.alive(group));
    assertTrue(running(coordinator, "M002"), "the other worker goes on");

    Files.createFile(fixture.mark("M002.finish"));

    TestProbe<Coordinator.Command> watcher = testKit.createTestProbe();
    watcher.expectTerminated(coordinator, LONG);
    RuntimeEvent.RunFinished finished = finished();
    assertEquals(1, finished.exitCode());
    MilestoneRecord other = new RunStore(fixture.root).loadMilestones().get("M002");
    assertEquals(MilestoneState.MERGED, other.stateValue());
  }

  @Test
  void controlPausesResumesAndStopsThroughProtocol(@TempDir Path temp) throws IOException {
    TestProject fixture = TestProject.create(temp, 2, null)
        .milestone("M001", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M002", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M003", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M004", "", TestProject.COMPLETE_AT_ONCE)
        .commit();
    ActorRef<Coordinator.Command> coordinator = spawnCoordinator(fixture,
        "coordinator-" + (++coordinators));
    await().atMost(LONG).until(() -> running(coordinator, "M001") && running(coordinator, "M002"));
    long first = record(coordinator, "M001").pid();
    long second = record(coordinator, "M002").pid();
    TestProbe<Coordinator.ControlReply> replies = testKit.createTestProbe();

    coordinator.tell(new Coordinator.Control(Coordinator.Action.PAUSE, "M999", false,
        replies.ref()));

    assertEquals(2, replies.receiveMessage(LONG).exitCode());

    coordinator.tell(new Coordinator.Control(Coordinator.Action.PAUSE, "M001", false,
        replies.ref()));

    assertTrue(replies.receiveMessage(LONG).ok());
    await().atMost(LONG).until(() -> ProcessTable.allStopped(first));
    assertTrue(ProcessTable.noneStopped(second), "only M001 is paused");

    coordinator.tell(new Coordinator.Control(Coordinator.Action.PAUSE, null, false,
        replies.ref()));

    assertTrue(replies.receiveMessage(LONG).ok());
    await().atMost(LONG).until(() -> ProcessTable.allStopped(second));

    coordinator.tell(new Coordinator.Control(Coordinator.Action.RESUME, null, false,
        replies.ref()));

    assertTrue(replies.receiveMessage(LONG).ok());
    await().atMost(LONG).until(() -> ProcessTable.noneStopped(first)
        && ProcessTable.noneStopped(second));

    coordinator.tell(new Coordinator.Control(Coordinator.Action.STOP, "M002", false,
        replies.ref()));

    assertTrue(replies.receiveMessage(LONG).ok());
    await().atMost(LONG).until(() -> record(coordinator, "M002").stateValue()
        == MilestoneState.STOPPED);
    assertTrue(running(coordinator, "M001"));
    await().atMost(LONG).until(() -> running(coordinator, "M003"));
    long third = record(coordinator, "M003").pid();

    coordinator.tell(new Coordinator.Control(Coordinator.Action.STOP, null, false,
        replies.ref()));

    assertTrue(replies.receiveMessage(LONG).ok());
    TestProbe<Coordinator.Command> watcher = testKit.createTestProbe();
    watcher.expectTerminated(coordinator, LONG);
    assertEquals(1, finished().exitCode());
    MilestoneRecord fourth = new RunStore(fixture.root).loadMilestones().get("M004");
    assertFalse(fourth != null && fourth.stateValue() != MilestoneState.PENDING,
        "no worker starts after stopping all");
    await().atMost(LONG).until(() -> !ProcessTable.alive(first) && !ProcessTable.alive(second)
        && !ProcessTable.alive(third));
  }

  private ActorRef<Coordinator.Command> spawnCoordinator(TestProject fixture, String name) {
    ProjectSession session = fixture.session();
    RuntimeServices services = TestProject.services(session, testKit.system().dispatchers()
        .lookup(org.apache.pekko.actor.typed.DispatcherSelector.fromConfig(
            "sf.blocking-dispatcher")), events::add);
    RunRecord run = new RunRecord("test", "main", Instant.now(), Instant.now(), null,
        BigDecimal.ZERO, RunRecord.BUDGET_OK, null);
    return testKit.spawn(Coordinator.create(services, run,
        session.records(session.milestones()), Set.of(), Set.of()), name);
  }

  private MilestoneRecord record(ActorRef<Coordinator.Command> coordinator, String id) {
    TestProbe<StatusReport> reply = testKit.createTestProbe();
    coordinator.tell(new Coordinator.GetStatus(reply.ref()));
    List<MilestoneRecord> records = reply.receiveMessage(LONG).milestones();
    return records.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private boolean running(ActorRef<Coordinator.Command> coordinator, String id) {
    return record(coordinator, id).stateValue() == MilestoneState.RUNNING;
  }

  private RuntimeEvent.RunFinished finished() {
    return events.stream().filter(RuntimeEvent.RunFinished.class::isInstance)
        .map(RuntimeEvent.RunFinished.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("No RunFinished event in " + events));
  }
}
