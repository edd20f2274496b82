package dev.sf.cli;

import dev.sf.api.SfProject;
import dev.sf.api.StatusSnapshot;
import dev.sf.errors.SfException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sf parallel status}: one row per milestone, then the total against the ceiling. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each milestone's state, slices, cost, elapsed time, pid and latest"
        + " activity, and the total against the budget ceiling. Works with or without a running"
        + " coordinator.")
final class StatusCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(StatusCommand.class);

  /** The shortest --interval, in seconds, so that a watch does not redraw in a busy loop. */
  private static final double MIN_INTERVAL_SECONDS = 0.1;

  @ParentCommand
  ParallelCommand parallel;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
  boolean json;

  @Option(names = "--watch", description = "Redraw the status until the run ends or Ctrl-C. On"
      + " a terminal it redraws in place; otherwise it prints a new snapshot each time.")
  boolean watch;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
      description = "Seconds between redraws with --watch, at least 0.1 (default:"
          + " ${DEFAULT-VALUE}).")
  double intervalSeconds;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0",
      description = "With --watch, stop after N snapshots (0: until the run ends).")
  int count;

  @Override
  public Integer call() throws Exception {
    if (!(intervalSeconds >= MIN_INTERVAL_SECONDS)) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--interval':"
          + " '" + intervalSeconds + "' is below the minimum of " + MIN_INTERVAL_SECONDS
          + " seconds.");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (!watch) {
      return printOnce(parallel.sf.directory, json, out);
    }
    try (SfProject project = parallel.sf.open()) {
      Duration interval = Duration.ofMillis((long) (intervalSeconds * 1000));
      if (!json && Terminals.isInteractive()) {
        return new StatusWatch(project, interval, count).run();
      }
      int shown = 0;
      while (true) {
        StatusSnapshot status = project.status();
        print(out, project, status, json);
        shown++;
        if (!status.live() || count > 0 && shown >= count) {
          return 0;
        }
        out.println();
        Thread.sleep(interval.toMillis());
      }
    }
  }

  /**
   * Opens the project that contains {@code directory} (the value of {@code -C}, {@code null} for
   * the current directory), prints its status once as a table or as JSON, and returns exit code
   * 0. Both {@code sf parallel status} without {@code --watch} and {@link StatusShortcut} print
   * through here.
   *
   * @throws SfException when the project cannot be opened or its status cannot be read
   */
  static int printOnce(Path directory, boolean json, PrintWriter out) {
    try (SfProject project = SfCommand.open(directory, Map.of())) {
      print(out, project, project.status(), json);
      return 0;
    }
  }

  private static void print(PrintWriter out, SfProject project, StatusSnapshot status,
      boolean json) {
    if (json) {
      out.println(CliJson.document("status", status));
    } else {
      List<String> lines = StatusView.render(status, silentHolder(project, status));
      lines.forEach(out::println);
    }
    out.flush();
  }

  /** Returns the pid of a lock holder that did not answer, when the status came from disk. */
  private static OptionalLong silentHolder(SfProject project, StatusSnapshot status) {
    if (status.live()) {
      return OptionalLong.empty();
    }
    try {
      return project.coordinatorPid();
    } catch (SfException e) {
      log.debug("Could not read the coordinator record", e);
      return OptionalLong.empty();
    }
  }
}
