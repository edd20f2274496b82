package dev.sf.examples;

import dev.sf.api.MilestoneStatus;
import dev.sf.api.ProjectOptions;
import dev.sf.api.QueueEntry;
import dev.sf.api.Run;
import dev.sf.api.RunEvent;
import dev.sf.api.RunOptions;
import dev.sf.api.RunSummary;
import dev.sf.api.SfProject;
import dev.sf.errors.SfException;
import dev.sf.spi.LaunchRequest;
import dev.sf.spi.LaunchedWorker;
import dev.sf.spi.WorkerLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Embeds sf in a plain Java program: opens a project, prints its queue, runs it with a worker
 * launcher that adds environment variables to every worker and prints each launch, prints the
 * run's events as they arrive, and ends with one line per milestone and the total cost.
 *
 * <pre>
 * java dev.sf.examples.EmbeddingExample PROJECT_DIR [NAME=VALUE ...]
 * </pre>
 *
 * <p>Each {@code NAME=VALUE} is added to the environment of every worker, for example {@code
 * SF_DEMO_SLICE_SECONDS=0} to make the sample project's scripted worker skip its pauses. The exit
 * status is the run's: 0 when every worker completed and merged, 1 otherwise, 2 for invalid usage.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /**
   * Runs the example.
   *
   * @param args the project folder, then {@code NAME=VALUE} pairs for the workers' environment
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    System.exit(status);
  }

  /**
   * Runs the example, printing to the given streams.
   *
   * @param args the project folder, then {@code NAME=VALUE} pairs for the workers' environment
   * @param out receives the example's output
   * @param err receives usage and error messages
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("Usage: EmbeddingExample PROJECT_DIR [NAME=VALUE ...]");
      return 2;
    }
    Map<String, String> extraEnvironment = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int equals = args[i].indexOf('=');
      if (equals < 1) {
        err.println("Invalid environment variable '" + args[i] + "': expected NAME=VALUE.");
        return 2;
      }
      extraEnvironment.put(args[i].substring(0, equals), args[i].substring(equals + 1));
    }
    try {
      return runProject(Path.of(args[0]), extraEnvironment, out);
    } catch (SfException e) {
      err.println("sf: " + e.getMessage());
      return 2;
    }
  }

  private static int runProject(Path folder, Map<String, String> extraEnvironment,
      PrintStream out) {
    ProjectOptions options = ProjectOptions.builder()
        .launcher(new ExtraEnvironmentLauncher(WorkerLauncher.standard(), extraEnvironment, out))
        .build();
    try (SfProject project = SfProject.open(folder, options)) {
      for (QueueEntry entry : project.queue().entries()) {
        out.println("queue " + entry.id() + ": " + entry.reason());
      }

      RunOptions runOptions = RunOptions.builder()
          .listener(event -> out.println("event " + describe(event)))
          .acceptCommands(false)
          .build();
      RunSummary summary;
      try (Run run = project.start(runOptions)) {
        summary = run.completion().toCompletableFuture().join();
      }

      for (MilestoneStatus milestone : summary.status().milestones()) {
        out.println("milestone " + milestone.id() + " " + milestone.state() + " "
            + milestone.costUsd().toPlainString() + " USD");
      }
      out.println("total " + summary.status().totalUsd().toPlainString() + " USD, exit code "
          + summary.exitCode());
      return summary.exitCode();
    }
  }

  /** Formats the events this example cares about; the others print as their record text. */
  private static String describe(RunEvent event) {
    if (event instanceof RunEvent.WorkerStarted started) {
      return started.milestoneId() + " worker started, pid " + started.pid();
    }
    if (event instanceof RunEvent.CostUpdated cost) {
      return cost.milestoneId() + " cost " + cost.milestoneUsd().toPlainString() + " USD, run "
          + cost.runTotalUsd().toPlainString() + " USD";
    }
    if (event instanceof RunEvent.SliceFinished slice) {
      return slice.milestoneId() + " slice " + slice.sliceId() + " finished (" + slice.done()
          + "/" + slice.total() + ")";
    }
    if (event instanceof RunEvent.WorkerExited exited) {
      return exited.milestoneId() + " worker exited: " + exited.state();
    }
    if (event instanceof RunEvent.Merged merged) {
      return merged.milestoneId() + " merged";
    }
    if (event instanceof RunEvent.MergeConflict conflict) {
      return conflict.milestoneId() + " merge failed: " + conflict.reason();
    }
    return event.toString();
  }

  /**
   * A launcher that wraps another one, adds environment variables to every worker and prints
   * each launch. Adoption of a worker left by an earlier coordinator goes to the wrapped
   * launcher unchanged.
   */
  static final class ExtraEnvironmentLauncher implements WorkerLauncher {
    private final WorkerLauncher delegate;
    private final Map<String, String> extraEnvironment;
    private final PrintStream out;

    ExtraEnvironmentLauncher(WorkerLauncher delegate, Map<String, String> extraEnvironment,
        PrintStream out) {
      this.delegate = delegate;
      this.extraEnvironment = Collections.unmodifiableMap(new TreeMap<>(extraEnvironment));
      this.out = out;
    }

    @Override
    public LaunchedWorker launch(LaunchRequest request) throws IOException {
      Map<String, String> environment = new HashMap<>(request.environment());
      environment.putAll(extraEnvironment);
      out.println("launch " + request.milestoneId() + ": " + String.join(" ", request.command())
          + " with " + extraEnvironment.keySet());
      return delegate.launch(new LaunchRequest(request.milestoneId(), request.command(),
          request.workingDirectory(), environment, request.logFile()));
    }

    @Override
    public Optional<LaunchedWorker> adopt(long pid, Instant startTime) {
      return delegate.adopt(pid, startTime);
    }
  }
}
