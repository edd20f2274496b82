package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sf.core.process.ProcessSignals;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Runs the sf command line for tests: in a separate JVM (so that kill -9 is real) or in this
 * one with captured output.
 */
final class CliProcesses {
  private CliProcesses() {}

  /**
   * The result of an in-process run.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int exitCode, String out, String err) {}

  /** Runs {@code sf} in this JVM with captured output. */
  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = SfCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Starts {@code sf} in a new JVM; its output goes to {@code output}. */
  static Process start(Path output, String... args) {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until {@code coordinator} holds the project's lock. Returns false when it ended with
   * exit code 0 first, which it does when the run has nothing left to do; fails when it ended
   * with another code.
   */
  static boolean awaitLock(Process coordinator, Path root, Path output) {
    Path record = root.resolve(".sf/parallel/coordinator.json");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() ->
        !coordinator.isAlive() || recordPid(record) == coordinator.pid());
    if (recordPid(record) == coordinator.pid() || coordinator.isAlive()) {
      return true;
    }
    assertEquals(0, coordinator.exitValue(),
        () -> "the coordinator failed before taking the lock: " + read(output));
    return false;
  }

  /** Sends SIGKILL to a JVM this test started and waits for it to end. */
  static void kill9(Process process) throws InterruptedException {
    process.destroyForcibly();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed process did not end");
  }

  /** Waits for a process to end and returns its exit code. */
  static int exitCode(Process process, Duration timeout, Path output)
      throws InterruptedException {
    boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertTrue(ended, () -> "sf did not end within " + timeout + ": " + read(output));
    return process.exitValue();
  }

  /** Adds the worker pids recorded in the project's state files to {@code pids}. */
  static void collectWorkerPids(Path root, Set<Long> pids) {
    for (MilestoneRecord record : new RunStore(root).loadMilestones().values()) {
      if (record.pid() != null) {
        pids.add(record.pid());
      }
    }
  }

  /** Returns the process groups of {@code groupIds} that still have a process. */
  static List<Long> liveGroups(Set<Long> groupIds) {
    return groupIds.stream().filter(ProcessSignals::groupAlive).sorted().toList();
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long recordPid(Path record) {
    try {
      JsonNode node = RunStore.json().readTree(record.toFile());
      return node == null || !node.has("pid") ? -1 : node.get("pid").asLong();
    } catch (IOException e) {
      return -1;
    }
  }
}
