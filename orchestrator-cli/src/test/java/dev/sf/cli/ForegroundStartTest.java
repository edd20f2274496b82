package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code sf parallel start --yes} in the foreground. With its output piped it prints plain
 * lines, and SIGINT (as Ctrl-C sends) stops the workers gracefully once and kills them the second
 * time. On a pseudo-terminal it shows the live board.
 */
class ForegroundStartTest {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final List<String> IDS = List.of("M001", "M002");

  @TempDir
  Path temp;

  private TestProject project;
  private CliProcess.Running cli;

  @AfterEach
  void endLeftovers() {
    if (cli != null) {
      cli.process().destroyForcibly();
    }
    if (project != null) {
      project.killWorkerGroups(IDS);
    }
  }

  @Test
  void interruptStopsWorkersGracefully() throws Exception {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual", IDS);
    CliProcess sf = new CliProcess(temp.resolve("home"))
        .env("SF_TEST_GATES", project.gates.toString());
    cli = sf.start("-C", project.root.toString(), "parallel", "start", "--yes");
    awaitWorkers();

    interrupt(cli.pid());
    CliProcess.Result result = cli.await();

    assertEquals(1, result.exitCode(), result.show());
    assertTrue(result.out().contains(
        "Stopping every worker gracefully; press Ctrl-C again to kill them."), result.show());
    assertFalse(result.out().contains("Killing every worker."), result.show());
    assertTrue(result.out().matches("(?s).*\\d\\d:\\d\\d:\\d\\d M00[12] worker started \\(pid .*"),
        result.show());
    assertTrue(result.out().matches("(?s).*\nM001 +stopped .*"), result.show());
    assertTrue(result.out().matches("(?s).*\nM002 +stopped .*"), result.show());
    assertFalse(ControlEndToEndTest.containsEscape(result.outBytes()), result.show());
    for (String id : IDS) {
      assertFalse(project.workerAlive(id), id + " still runs");
    }
  }

  @Test
  void secondInterruptKillsWorkersIgnoringTerm() throws Exception {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual", IDS);
    // A grace period longer than the wait below, so only the second Ctrl-C can end the workers.
    project.write(".sf/preferences.yaml", TestProject.preferences("manual", 2, 600));
    project.git("commit", "-q", "-am", "Wait ten minutes before killing a worker");
    CliProcess sf = new CliProcess(temp.resolve("home"))
        .env("SF_TEST_GATES", project.gates.toString())
        .env("SF_TEST_IGNORE_TERM", "1");
    cli = sf.start("-C", project.root.toString(), "parallel", "start", "--yes");
    awaitWorkers();

    interrupt(cli.pid());
    await().atMost(LONG).until(() -> cli.stdout().contains("Stopping every worker gracefully"));
    assertTrue(cli.process().isAlive(), cli.stdout());
    for (String id : IDS) {
      assertTrue(project.workerAlive(id), id + " ended although it ignores SIGTERM");
    }
    interrupt(cli.pid());
    CliProcess.Result result = cli.await();

    assertEquals(1, result.exitCode(), result.show());
    assertTrue(result.out().contains("Killing every worker."), result.show());
    assertFalse(ControlEndToEndTest.containsEscape(result.outBytes()), result.show());
    for (String id : IDS) {
      assertFalse(project.workerAlive(id), id + " still runs");
    }
  }

  @Test
  void terminalShowsLiveBoard() throws Exception {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual", IDS);
    IDS.forEach(project::open);
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is missing");
    String command = "stty cols 160 rows 40; " + String.join(" ", CliProcess.command(
        CliProcess.CLASSPATH, List.of(), "-C", project.root.toString(), "parallel", "start",
        "--yes").stream().map(arg -> "'" + arg + "'").toList());
    // script(1) gives sf a pseudo-terminal, as a person's terminal would.
    ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", command,
        "/dev/null").redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true);
    builder.environment().put("TERM", "xterm-256color");
    builder.environment().put("SF_TEST_GATES", project.gates.toString());
    builder.environment().put("SF_HOME", temp.resolve("home").toString());
    Process script = builder.start();
    byte[] bytes = script.getInputStream().readAllBytes();
    String out = new String(bytes, StandardCharsets.UTF_8);

    assertEquals(0, script.waitFor(), out);
    assertTrue(ControlEndToEndTest.containsEscape(bytes), out);
    assertTrue(out.contains("Ctrl-C stops every worker gracefully; a second Ctrl-C kills them."),
        out);
    assertTrue(out.contains("Summary"), out);
    assertFalse(out.matches("(?s).*\\d\\d:\\d\\d:\\d\\d M001 worker started.*"), out);
  }

  private void awaitWorkers() {
    for (String id : IDS) {
      await().atMost(LONG).until(() -> project.workerAlive(id));
    }
  }

  /** Sends SIGINT to a process this test started, as Ctrl-C on its terminal would. */
  private static void interrupt(long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -INT " + pid + " failed");
  }
}
