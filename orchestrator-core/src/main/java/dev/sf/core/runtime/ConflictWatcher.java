package dev.sf.core.runtime;

import dev.sf.core.model.Milestone;
import dev.sf.errors.SfException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Predicts merge conflicts between milestone branches while a run goes on. Every {@code
 * interval} it reads the head of each milestone branch that has commits the integration branch
 * lacks. It merges in memory each pair of such branches, and each such branch with the
 * integration branch, in which at least one head moved since the last check. It sends the
 * coordinator the full list whenever it changes. The coordinator spawns it on the
 * blocking dispatcher, so the git work never holds up the coordinator or the workers.
 */
final class ConflictWatcher extends AbstractBehavior<ConflictWatcher.Command> {

  /** How often the branches are checked by default. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

  /** Messages the watcher accepts. */
  sealed interface Command {}

  private enum Check implements Command { INSTANCE }

  /** One side of a pair: a milestone id or the integration branch's name, and its head. */
  private record Side(String name, String branch, String head) {}

  /** The heads of a pair and the files they would conflict on. */
  private record PairResult(String firstHead, String secondHead, List<String> files) {}

  private final RuntimeServices services;
  private final ActorRef<Coordinator.Command> coordinator;
  private final Map<String, Boolean> aheadByHeads = new HashMap<>();
  private final Map<String, PairResult> pairs = new HashMap<>();
  private List<ConflictPrediction> reported = List.of();
  private String lastFailure;

  private ConflictWatcher(ActorContext<Command> context, RuntimeServices services,
      ActorRef<Coordinator.Command> coordinator) {
    super(context);
    this.services = services;
    this.coordinator = coordinator;
  }

  /**
   * Creates the watcher of one coordinator session.
   *
   * @param services the run's collaborators
   * @param coordinator receives {@link Coordinator.ConflictsPredicted} on each change
   * @param interval time between two checks
   */
  static Behavior<Command> create(RuntimeServices services,
      ActorRef<Coordinator.Command> coordinator, Duration interval) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Check.INSTANCE, interval);
      return new ConflictWatcher(context, services, coordinator);
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Check.class, check -> onCheck()).build();
  }

  private Behavior<Command> onCheck() {
    List<ConflictPrediction> conflicts;
    try {
      conflicts = predict(aheadBranches());
    } catch (SfException e) {
      // A branch can vanish between two reads when its milestone merges; the next check retries.
      // A failure that repeats is logged once, so that it does not fill the log every interval.
      if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
        getContext().getLog().warn("Predicting conflicts between milestone branches failed", e);
      }
      lastFailure = String.valueOf(e.getMessage());
      return this;
    }
    lastFailure = null;

    if (!conflicts.equals(reported)) {
      reported = conflicts;
      getContext().getLog().info("Predicted conflicts changed: {}", conflicts);
      coordinator.tell(new Coordinator.ConflictsPredicted(conflicts));
    }
    return this;
  }

  /** Returns the head of each milestone branch with commits the integration branch lacks. */
  private Map<String, String> aheadBranches() {
    String into = services.integrationBranch();
    String intoHead = services.git().branchHead(into).orElse("");
    Map<String, String> ahead = new LinkedHashMap<>();
    Map<String, Boolean> checked = new HashMap<>();
    for (Milestone milestone : services.milestones()) {
      String branch = RuntimeServices.branch(milestone.id());
      Optional<String> head = services.git().branchHead(branch);
      if (head.isEmpty()) {
        continue;
      }
      // The result changes only when one of the two heads moves.
      String key = head.get() + " " + intoHead;
      Boolean isAhead = aheadByHeads.get(key);
      if (isAhead == null) {
        try {
          isAhead = !services.git().isMerged(branch, into);
        } catch (SfException e) {
          if (services.git().branchHead(branch).isPresent()) {
            throw e;
          }
          getContext().getLog().debug("Branch {} was deleted while checking it", branch, e);
          continue;
        }
      }
      checked.put(key, isAhead);
      if (isAhead) {
        ahead.put(milestone.id(), head.get());
      }
    }
    aheadByHeads.clear();
    aheadByHeads.putAll(checked);
    return ahead;
  }

  private List<ConflictPrediction> predict(Map<String, String> ahead) {
    List<Side> milestones = new ArrayList<>();
    ahead.forEach((id, head) -> milestones.add(new Side(id, RuntimeServices.branch(id), head)));
    String into = services.integrationBranch();
    Side integration = new Side(into, into, services.git().branchHead(into).orElse(""));
    Map<String, PairResult> current = new HashMap<>();
    List<ConflictPrediction> conflicts = new ArrayList<>();
    for (int i = 0; i < milestones.size(); i++) {
      for (int j = i + 1; j < milestones.size(); j++) {
        check(milestones.get(i), milestones.get(j), current, conflicts);
      }
    }
    for (Side milestone : milestones) {
      check(milestone, integration, current, conflicts);
    }
    pairs.clear();
    pairs.putAll(current);
    return List.copyOf(conflicts);
  }

  /** Merges two heads in memory, unless the last check already merged these same heads. */
  private void check(Side first, Side second, Map<String, PairResult> current,
      List<ConflictPrediction> conflicts) {
    String key = first.name() + " " + second.name();
    PairResult known = pairs.get(key);
    boolean unchanged = known != null && known.firstHead().equals(first.head())
        && known.secondHead().equals(second.head());
    PairResult result;
    try {
      result = unchanged ? known : new PairResult(first.head(), second.head(),
          sorted(services.git().predictConflicts(first.branch(), second.branch())));
    } catch (SfException e) {
      if (!vanished(first) && !vanished(second)) {
        throw e;
      }
      // A merge deletes its milestone branch, which is normal: skip the pair until next time.
      getContext().getLog().debug("Skipped predicting conflicts of {} and {}: a branch was"
          + " deleted", first.name(), second.name(), e);
      return;
    }
    current.put(key, result);
    if (!result.files().isEmpty()) {
      conflicts.add(new ConflictPrediction(first.name(), second.name(), result.files()));
    }
  }

  private boolean vanished(Side side) {
    return services.git().branchHead(side.branch()).isEmpty();
  }

  private static List<String> sorted(List<String> files) {
    List<String> copy = new ArrayList<>(files);
    copy.sort(null);
    return copy;
  }
}
