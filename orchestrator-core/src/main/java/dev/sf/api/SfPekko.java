package dev.sf.api;

import dev.sf.errors.ConfigException;
import dev.sf.errors.CoordinatorRunningException;
import dev.sf.errors.InvalidUsageException;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The entry point for applications that already run Pekko: starts a run's coordinator inside an
 * {@link ActorSystem} the caller owns, and connects the run to the caller's actors. It is the
 * only public type of sf whose signatures name Pekko types.
 *
 * <pre>{@code
 * ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "app");
 * try (SfProject project = SfProject.open(Path.of("."));
 *     Run run = SfPekko.start(project, system, RunOptions.builder()
 *         .listener(SfPekko.listener(eventActor))
 *         .build())) {
 *   run.completion().toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p>The coordinator, its workers and its budget keeper run as system actors of the given
 * system, on its default dispatcher, and block only on the dispatcher {@code
 * sf.blocking-dispatcher}, whose defaults come from sf's {@code reference.conf}. When the run
 * ends, its actors stop; the actor system itself is never terminated by sf.
 */
public final class SfPekko {
  private SfPekko() {}

  /**
   * Starts a coordinator for the project inside {@code system}. Apart from where the actors
   * run, it behaves as {@link SfProject#start(RunOptions)}.
   *
   * @param project the opened project
   * @param system the actor system to run in; it stays up when the run ends
   * @param options listeners, merge confirmation and whether other processes may send commands
   * @return the running run
   * @throws InvalidUsageException when parallel runs are disabled or there are no milestones
   * @throws ConfigException when the preferences or a milestone file is invalid
   * @throws CoordinatorRunningException when another coordinator runs for the project
   */
  public static Run start(SfProject project, ActorSystem<?> system, RunOptions options) {
    Objects.requireNonNull(system, "system");
    return project.startIn(system, options);
  }

  /**
   * Returns the actor at the top of a run's coordinator, for example to {@code watch} it: it
   * stops when the run ends. Its message protocol is internal, so send it nothing; control the
   * run through {@link Run}. Its path is {@code /system/sf-run-<run id>-<suffix>}.
   *
   * @param run a run started in this JVM by {@link #start} or {@link SfProject#start}
   * @return the actor
   * @throws IllegalArgumentException when {@code run} was not started by sf in this JVM
   */
  public static ActorRef<?> coordinator(Run run) {
    if (!(run instanceof LocalRun local)) {
      throw new IllegalArgumentException("The run " + run + " was not started by SfProject or"
          + " SfPekko in this JVM, so it has no coordinator actor here");
    }
    return local.handle().coordinator();
  }

  /**
   * Returns a listener that sends every event of the run to an actor, for example a testkit
   * {@code TestProbe<RunEvent>}. The listener only tells the actor, so it never blocks the run.
   *
   * @param target the actor that receives the events
   * @return the listener, to pass to {@link RunOptions.Builder#listener(RunListener)}
   */
  public static RunListener listener(ActorRef<? super RunEvent> target) {
    Objects.requireNonNull(target, "target");
    return target::tell;
  }
}
