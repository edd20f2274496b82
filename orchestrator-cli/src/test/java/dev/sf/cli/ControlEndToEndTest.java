package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sf.api.SfProject;
import dev.sf.api.StatusSnapshot;
import dev.sf.core.control.ControlClient;
import dev.sf.core.control.ControlRequest;
import dev.sf.core.runtime.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a detached coordinator with real workers from other processes: status, pause, resume,
 * stop and merge of one milestone and of all, two commands at once, and the state after the run.
 */
class ControlEndToEndTest {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final Pattern COORDINATOR_PID = Pattern.compile("\\(pid (\\d+)\\)");

  @TempDir
  Path temp;

  private final List<Long> coordinators = new ArrayList<>();
  private TestProject project;

  @AfterEach
  void endLeftovers() {
    // A failed test may leave the coordinator or workers running: end the ones this test started.
    for (long pid : coordinators) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (project != null) {
      project.killWorkerGroups(List.of("M001", "M002", "M003"));
    }
  }

  @Test
  void controlsDetachedRunFromOtherProcesses() throws Exception {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual",
        List.of("M001", "M002", "M003"));
    CliProcess sf = new CliProcess(temp.resolve("home"))
        .env("SF_TEST_GATES", project.gates.toString());
    String repo = project.root.toString();

    CliProcess.Result started = sf.run("-C", repo, "parallel", "start", "--yes", "--detach");
    long coordinator = coordinatorPid(started);
    assertEquals(0, started.exitCode(), started.show());
    assertTrue(started.out().contains(".sf/parallel/coordinator.log"), started.show());
    assertTrue(started.out().contains("tail -f"), started.show());
    assertTrue(Files.exists(project.root.resolve(".sf/parallel/coordinator.log")));
    awaitWorkersStarted("M001", "M002", "M003");

    CliProcess.Result status = sf.run("-C", repo, "parallel", "status");
    assertEquals(0, status.exitCode(), status.show());
    assertTrue(status.out().matches("(?s)ID +TITLE +STATE +SLICES +COST +ELAPSED +PID +ACTIVITY\n.*"),
        status.show());
    for (String id : List.of("M001", "M002", "M003")) {
      assertTrue(status.out().matches("(?s).*\n" + id + " +Milestone " + id
          + " +running +0/1 +\\$0\\.25 +\\S+ +" + project.workerPid(id).getAsLong()
          + " +" + id + " waits for its gate\n.*"), status.show());
    }
    assertTrue(status.out().contains("Total $0.75 of $10.00 ceiling"), status.show());
    assertFalse(status.out().contains("no coordinator is running"), status.show());
    printRoundTrip();
    assertWatchRedrawsInPlaceOnTerminal(repo);

    CliProcess.Result pauseOne = sf.run("-C", repo, "parallel", "pause", "M001");
    assertEquals(0, pauseOne.exitCode(), pauseOne.show());
    assertTrue(pauseOne.out().contains("Paused M001"), pauseOne.show());
    awaitPaused("M001");
    assertFalse(TestProject.processState(project.workerPid("M002").getAsLong()).equals("T"));

    CliProcess.Result resumeOne = sf.run("-C", repo, "parallel", "resume", "M001");
    assertEquals(0, resumeOne.exitCode(), resumeOne.show());
    assertTrue(resumeOne.out().contains("Resumed M001"), resumeOne.show());
    awaitRunning("M001");

    CliProcess.Result pauseAll = sf.run("-C", repo, "parallel", "pause");
    assertEquals(0, pauseAll.exitCode(), pauseAll.show());
    for (String id : List.of("M001", "M002", "M003")) {
      awaitPaused(id);
    }
    assertEquals("paused", liveState("M002"));

    CliProcess.Result resumeAll = sf.run("-C", repo, "parallel", "resume");
    assertEquals(0, resumeAll.exitCode(), resumeAll.show());
    for (String id : List.of("M001", "M002", "M003")) {
      awaitRunning(id);
    }

    // Two commands at the same moment: a watch (stdout piped) and a JSON snapshot.
    CliProcess.Running watch = sf.start("-C", repo, "parallel", "status", "--watch",
        "--count", "2", "--interval", "0.2");
    CliProcess.Running json = sf.start("-C", repo, "parallel", "status", "--json");
    CliProcess.Result watched = watch.await();
    CliProcess.Result snapshot = json.await();
    assertEquals(0, watched.exitCode(), watched.show());
    assertEquals(0, snapshot.exitCode(), snapshot.show());
    assertFalse(containsEscape(watched.outBytes()), watched.show());
    assertEquals(2, count(watched.out(), "Total $0.75 of $10.00 ceiling"), watched.show());
    JsonNode document = new ObjectMapper().readTree(snapshot.out());
    assertTrue(document.get("live").asBoolean(), snapshot.show());
    assertEquals(3, document.get("milestones").size(), snapshot.show());

    CliProcess.Result stopOne = sf.run("-C", repo, "parallel", "stop", "M003");
    assertEquals(0, stopOne.exitCode(), stopOne.show());
    assertTrue(stopOne.out().contains("Stopping M003"), stopOne.show());
    await().atMost(LONG).until(() -> !project.workerAlive("M003"));
    assertTrue(project.workerAlive("M002"));

    // auto_merge: manual, so M001 waits for a merge from another process while M002 runs.
    project.open("M001");
    await().atMost(LONG).until(() -> liveState("M001").equals("completed"));
    CliProcess.Result merge = sf.run("-C", repo, "parallel", "merge", "M001");
    assertEquals(0, merge.exitCode(), merge.show());
    assertTrue(merge.out().contains("M001: merged into main"), merge.show());
    assertEquals("M001\n", project.git("show", "main:work/M001/done.txt"));
    String history = project.git("log", "--format=%s", "main");
    assertTrue(history.contains("M001"), history);

    CliProcess.Result stopAll = sf.run("-C", repo, "parallel", "stop");
    assertEquals(0, stopAll.exitCode(), stopAll.show());
    assertTrue(stopAll.out().contains("Stopping M002"), stopAll.show());
    await().atMost(LONG).until(() -> ProcessHandle.of(coordinator)
        .map(handle -> !handle.isAlive()).orElse(true));
    assertFalse(project.workerAlive("M002"));

    CliProcess.Result after = sf.run("-C", repo, "parallel", "status");
    assertEquals(0, after.exitCode(), after.show());
    assertTrue(after.out().matches("(?s).*\nM001 +Milestone M001 +merged +1/1 .*"), after.show());
    assertTrue(after.out().matches("(?s).*\nM002 +Milestone M002 +stopped +0/1 .*"), after.show());
    assertTrue(after.out().matches("(?s).*\nM003 +Milestone M003 +stopped +0/1 .*"), after.show());
    assertTrue(after.out().contains("Total $0.75 of $10.00 ceiling"), after.show());
    assertTrue(after.out().contains("no coordinator is running"), after.show());
    String log = Files.readString(project.root.resolve(".sf/parallel/coordinator.log"));
    assertTrue(log.contains("M001 merged"), log);
  }

  /**
   * Runs {@code status --watch} on a pseudo-terminal made by script(1): JLine redraws the table in
   * place, so the unchanged header is written once for three snapshots.
   */
  private void assertWatchRedrawsInPlaceOnTerminal(String repo) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
      System.out.println("script(1) is missing: --watch on a terminal is not checked");
      return;
    }
    String command = "stty cols 160 rows 40; " + String.join(" ", CliProcess.command(
        CliProcess.CLASSPATH, List.of(), "-C", repo, "parallel", "status", "--watch",
        "--count", "3", "--interval", "0.2").stream().map(arg -> "'" + arg + "'").toList());
    ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", command,
        "/dev/null").redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true);
    builder.environment().put("TERM", "xterm-256color");
    Process script = builder.start();
    byte[] bytes = script.getInputStream().readAllBytes();
    String out = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);

    assertEquals(0, script.waitFor(), out);
    assertTrue(containsEscape(bytes), out);
    assertEquals(1, count(out, "ACTIVITY"), out);
    assertTrue(out.contains("M003  Milestone M003  running"), out);
  }

  private long coordinatorPid(CliProcess.Result started) {
    Matcher matcher = COORDINATOR_PID.matcher(started.out());
    assertTrue(matcher.find(), started.show());
    long pid = Long.parseLong(matcher.group(1));
    coordinators.add(pid);
    return pid;
  }

  private void awaitWorkersStarted(String... ids) {
    for (String id : ids) {
      await().atMost(LONG).until(() -> project.workerAlive(id));
    }
  }

  /** Waits until the worker's process group is stopped (see {@link ProcessTable#allStopped}). */
  private void awaitPaused(String id) {
    long group = project.workerPid(id).getAsLong();
    await().atMost(LONG).untilAsserted(() -> assertTrue(ProcessTable.allStopped(group),
        () -> id + ": " + ProcessTable.group(group)));
  }

  private void awaitRunning(String id) {
    long group = project.workerPid(id).getAsLong();
    await().atMost(LONG).untilAsserted(() -> assertTrue(ProcessTable.noneStopped(group),
        () -> id + ": " + ProcessTable.group(group)));
  }

  private String liveState(String id) {
    try (SfProject opened = SfProject.open(project.root)) {
      StatusSnapshot status = opened.status();
      return status.milestone(id).orElseThrow().state();
    }
  }

  /** Prints the coordinator's round trip for a status request, measured from this JVM. */
  private void printRoundTrip() {
    ControlClient.send(project.root, ControlRequest.status(), Duration.ofSeconds(5));
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      ControlClient.send(project.root, ControlRequest.status(), Duration.ofSeconds(5));
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    System.out.printf("Coordinator round trip for status over the control socket:"
        + " median %.1f ms, max %.1f ms (20 requests)%n", millis.get(10), millis.get(19));
  }

  static boolean containsEscape(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0x1b) {
        return true;
      }
    }
    return false;
  }

  private static int count(String text, String part) {
    int found = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      found++;
    }
    return found;
  }
}
