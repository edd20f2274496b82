package dev.sf.cli;

import dev.sf.api.SfProject;
import dev.sf.errors.CoordinatorRunningException;
import dev.sf.errors.SfException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the coordinator as a background process of its own session, with its output in {@code
 * .sf/parallel/coordinator.log}, waits until it holds the project, and prints how to follow it.
 */
final class Detacher {
  private static final Logger log = LoggerFactory.getLogger(Detacher.class);
  private static final long START_TIMEOUT_MILLIS = 30_000;

  /**
   * The JVM options of the background coordinator, the same as {@code bin/sf} passes: the serial
   * collector, the C1 compiler only and a small initial heap. With the
   * default initial heap (a 64th of RAM) the young generation alone filled tens of megabytes
   * before the first collection; with these options a coordinator of 4 sleeping workers measured
   * about 96 MB resident instead of 170 MB (OpenJDK 17, 2-core machine with 24 GB of RAM).
   */
  static final List<String> COORDINATOR_JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m");

  private Detacher() {}

  static int detach(SfProject project, SfCommand sf, Map<String, String> overrides,
      PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
    OptionalLong running = project.coordinatorPid();
    if (running.isPresent()) {
      // Without this check the loop below would report the running coordinator as the new one.
      throw new CoordinatorRunningException(running.getAsLong(), "Another coordinator (pid "
          + running.getAsLong() + ") is running for this project. Use sf parallel status, or"
          + " stop it with sf parallel stop.");
    }
    Path log = project.stateFolder().resolve("coordinator.log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add("setsid");
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(COORDINATOR_JVM_OPTIONS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("-C");
    command.add(project.root().toString());
    for (boolean verbose : sf.verbose) {
      command.add("-v");
    }
    command.add("parallel");
    command.add("start");
    command.add("--yes");
    command.add("--detached-coordinator");
    overrides.forEach((key, value) -> {
      switch (key) {
        case "parallel.max_workers" -> command.add("--max-workers=" + value);
        case "parallel.budget_ceiling" -> command.add("--budget=" + value);
        case "parallel.auto_merge" -> command.add("--auto-merge=" + value);
        default -> throw new IllegalArgumentException("No flag for " + key);
      }
    });
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    Process child = new ProcessBuilder(command)
        .directory(project.root().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true)
        .start();
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      OptionalLong holder = coordinatorPid(project);
      if (holder.isPresent()) {
        out.println("Coordinator started in the background (pid " + holder.getAsLong() + ").");
        out.println("Follow it with:  tail -f " + log);
        out.println("Check on it with: sf parallel status   Stop it with: sf parallel stop");
        return 0;
      }
      if (!child.isAlive()) {
        err.println("The background coordinator exited with code " + child.exitValue()
            + " before it started. Its output:");
        err.print(readFrom(log, logStart));
        return child.exitValue() == 0 ? 1 : child.exitValue();
      }
      Thread.sleep(50);
    }
    throw new SfException("The background coordinator (pid " + child.pid() + ") did not start"
        + " within " + START_TIMEOUT_MILLIS / 1000 + " s. See " + log + ".");
  }

  /**
   * Returns the pid of the coordinator that holds the project lock, or empty while the child has
   * not taken the lock or not yet written its record. On a busy machine that gap can last longer
   * than the lock's own wait for the record. A lasting problem ends in the start timeout.
   */
  private static OptionalLong coordinatorPid(SfProject project) {
    if (!Files.exists(project.stateFolder().resolve("coordinator.json"))) {
      // The record is written right after the lock is taken: asking earlier logs a warning.
      return OptionalLong.empty();
    }
    try {
      return project.coordinatorPid();
    } catch (SfException e) {
      log.debug("The background coordinator's record is not readable yet", e);
      return OptionalLong.empty();
    }
  }

  private static String readFrom(Path log, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(log);
    int start = (int) Math.min(offset, bytes.length);
    return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
  }
}
