package dev.sf.core.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Adds up the cost of every milestone of a run and tells the coordinator once when the total
 * passes 80 % of the ceiling and once when it reaches the ceiling. Each report carries a
 * milestone's whole cost, so a repeated or reordered report never counts twice.
 */
public final class BudgetKeeper extends AbstractBehavior<BudgetKeeper.Command> {
  private static final BigDecimal WARNING_FRACTION = new BigDecimal("0.8");

  /** Messages the budget keeper accepts. */
  public sealed interface Command {}

  /** A milestone's cost over all its workers so far. */
  public record CostReported(String milestoneId, BigDecimal milestoneUsd) implements Command {}

  /** Asks for the current total. */
  public record GetTotal(ActorRef<Total> replyTo) implements Command {}

  /** The reply to {@link GetTotal}. */
  public record Total(BigDecimal totalUsd, boolean warned, boolean reached) {}

  private final BigDecimal ceiling;
  private final ActorRef<Coordinator.Command> coordinator;
  private final Map<String, BigDecimal> costs = new HashMap<>();
  private BigDecimal total = BigDecimal.ZERO;
  private boolean warned;
  private boolean reached;

  private BudgetKeeper(ActorContext<Command> context, BigDecimal ceiling,
      Map<String, BigDecimal> initialCosts, boolean warned, boolean reached,
      ActorRef<Coordinator.Command> coordinator) {
    super(context);
    this.ceiling = ceiling;
    this.coordinator = coordinator;
    this.costs.putAll(initialCosts);
    this.total = sum();
    this.warned = warned;
    this.reached = reached;
  }

  /**
   * Creates the budget keeper.
   *
   * @param ceiling the ceiling in USD, or null for none
   * @param initialCosts the cost of each milestone recorded by earlier coordinators of the run
   * @param warned whether the 80 % warning was already given
   * @param reached whether the ceiling was already reached
   * @param coordinator where the warning and the ceiling are reported
   */
  public static Behavior<Command> create(BigDecimal ceiling, Map<String, BigDecimal> initialCosts,
      boolean warned, boolean reached, ActorRef<Coordinator.Command> coordinator) {
    return Behaviors.setup(context -> new BudgetKeeper(context, ceiling, initialCosts, warned,
        reached, coordinator));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CostReported.class, this::onCostReported)
        .onMessage(GetTotal.class, this::onGetTotal)
        .build();
  }

  private Behavior<Command> onCostReported(CostReported report) {
    costs.put(report.milestoneId(), report.milestoneUsd());
    total = sum();

    if (ceiling != null && !reached && total.compareTo(ceiling) >= 0) {
      reached = true;
      warned = true;
      getContext().getLog().info("Budget ceiling {} USD reached at {} USD after a report from {}",
          ceiling, total, report.milestoneId());
      coordinator.tell(new Coordinator.CeilingReached(ceiling, total));
    } else if (ceiling != null && !warned && total.compareTo(warningLevel()) >= 0) {
      warned = true;
      getContext().getLog().info("Budget at {} USD of the {} USD ceiling after a report from {}",
          total, ceiling, report.milestoneId());
      coordinator.tell(new Coordinator.BudgetWarningReached(ceiling, total));
    }
    return this;
  }

  private Behavior<Command> onGetTotal(GetTotal request) {
    request.replyTo().tell(new Total(total, warned, reached));
    return this;
  }

  private BigDecimal warningLevel() {
    return ceiling.multiply(WARNING_FRACTION).setScale(ceiling.scale() + 1, RoundingMode.HALF_UP);
  }

  private BigDecimal sum() {
    return costs.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
