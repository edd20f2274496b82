package dev.sf.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checks the budget keeper's warning, ceiling and totals with probes. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetKeeperTest {
  private static final Duration QUIET = Duration.ofMillis(200);

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  @Test
  void warnsOnceAtEightyPercent() {
    TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    ActorRef<BudgetKeeper.Command> keeper = testKit.spawn(
        BudgetKeeper.create(new BigDecimal("10.00"), Map.of(), false, false, coordinator.ref()));

    keeper.tell(new BudgetKeeper.CostReported("M001", new BigDecimal("7.99")));

    coordinator.expectNoMessage(QUIET);

    keeper.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("0.01")));

    Coordinator.BudgetWarningReached warning =
        coordinator.expectMessageClass(Coordinator.BudgetWarningReached.class);
    assertEquals(0, new BigDecimal("8.00").compareTo(warning.totalUsd()));
    assertEquals(0, new BigDecimal("10.00").compareTo(warning.ceilingUsd()));

    keeper.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("0.02")));

    coordinator.expectNoMessage(QUIET);
  }

  @Test
  void reportsCeilingOnce() {
    TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    ActorRef<BudgetKeeper.Command> keeper = testKit.spawn(
        BudgetKeeper.create(new BigDecimal("5"), Map.of(), false, false, coordinator.ref()));

    keeper.tell(new BudgetKeeper.CostReported("M001", new BigDecimal("6")));

    Coordinator.CeilingReached reached =
        coordinator.expectMessageClass(Coordinator.CeilingReached.class);
    assertEquals(0, new BigDecimal("6").compareTo(reached.totalUsd()));

    keeper.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("1")));
    keeper.tell(new BudgetKeeper.CostReported("M001", new BigDecimal("7")));

    coordinator.expectNoMessage(QUIET);
    assertEquals(0, new BigDecimal("8").compareTo(total(keeper).totalUsd()));
  }

  @Test
  void repeatedReportsNeverCountTwice() {
    TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    ActorRef<BudgetKeeper.Command> keeper = testKit.spawn(
        BudgetKeeper.create(new BigDecimal("10"), Map.of(), false, false, coordinator.ref()));

    for (int i = 0; i < 5; i++) {
      keeper.tell(new BudgetKeeper.CostReported("M001", new BigDecimal("3")));
    }
    keeper.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("2")));
    keeper.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("2")));

    BudgetKeeper.Total total = total(keeper);
    assertEquals(0, new BigDecimal("5").compareTo(total.totalUsd()));
    assertFalse(total.warned());
    coordinator.expectNoMessage(QUIET);
  }

  @Test
  void reorderedReportsGiveTheSameTotal() {
    TestProbe<Coordinator.Command> first = testKit.createTestProbe();
    TestProbe<Coordinator.Command> second = testKit.createTestProbe();
    ActorRef<BudgetKeeper.Command> forward = testKit.spawn(
        BudgetKeeper.create(new BigDecimal("10"), Map.of(), false, false, first.ref()));
    ActorRef<BudgetKeeper.Command> backward = testKit.spawn(
        BudgetKeeper.create(new BigDecimal("10"), Map.of(), false, false, second.ref()));

    forward.tell(new BudgetKeeper.CostReported("M001", new BigDecimal("4")));
    forward.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("4.5")));
    backward.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("4.5")));
    backward.tell(new BudgetKeeper.CostReported("M001", new BigDecimal("4")));

    assertEquals(0, new BigDecimal("8.5").compareTo(total(forward).totalUsd()));
    assertEquals(0, new BigDecimal("8.5").compareTo(total(backward).totalUsd()));
    first.expectMessageClass(Coordinator.BudgetWarningReached.class);
    second.expectMessageClass(Coordinator.BudgetWarningReached.class);
  }

  @Test
  void keepsCostsOfEarlierCoordinators() {
    TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    ActorRef<BudgetKeeper.Command> keeper = testKit.spawn(BudgetKeeper.create(
        new BigDecimal("10"), Map.of("M001", new BigDecimal("9")), true, false,
        coordinator.ref()));

    keeper.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("0.5")));

    coordinator.expectNoMessage(QUIET);

    keeper.tell(new BudgetKeeper.CostReported("M002", new BigDecimal("1")));

    coordinator.expectMessageClass(Coordinator.CeilingReached.class);
    BudgetKeeper.Total total = total(keeper);
    assertEquals(0, new BigDecimal("10").compareTo(total.totalUsd()));
    assertTrue(total.reached());
  }

  @Test
  void withoutCeilingNeverReports() {
    TestProbe<Coordinator.Command> coordinator = testKit.createTestProbe();
    ActorRef<BudgetKeeper.Command> keeper = testKit.spawn(
        BudgetKeeper.create(null, Map.of(), false, false, coordinator.ref()));

    keeper.tell(new BudgetKeeper.CostReported("M001", new BigDecimal("1000")));

    coordinator.expectNoMessage(QUIET);
    assertFalse(total(keeper).reached());
  }

  private BudgetKeeper.Total total(ActorRef<BudgetKeeper.Command> keeper) {
    TestProbe<BudgetKeeper.Total> reply = testKit.createTestProbe();
    keeper.tell(new BudgetKeeper.GetTotal(reply.ref()));
    return reply.receiveMessage();
  }
}
