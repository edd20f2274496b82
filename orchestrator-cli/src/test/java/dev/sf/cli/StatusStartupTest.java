package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sf parallel status} loads as a new process: with a coordinator running it must
 * neither start Logback nor build a Jackson object mapper, while {@code -vv} still logs. The
 * classes come from the JVM's own class loading log ({@code -Xlog:class+load}).
 */
class StatusStartupTest {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final Pattern COORDINATOR_PID = Pattern.compile("\\(pid (\\d+)\\)");
  private static final String LOGBACK_CONTEXT = " ch.qos.logback.classic.LoggerContext ";
  private static final String OBJECT_MAPPER = " com.fasterxml.jackson.databind.ObjectMapper ";

  @TempDir
  Path temp;

  private long coordinator = -1;
  private TestProject project;

  @AfterEach
  void endLeftovers() {
    if (coordinator > 0) {
      ProcessHandle.of(coordinator).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (project != null) {
      project.killWorkerGroups(List.of("M001"));
    }
  }

  @Test
  void liveStatusLoadsNeitherLogbackNorObjectMapper() throws Exception {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual",
        List.of("M001"));
    String repo = project.root.toString();
    CliProcess sf = new CliProcess(temp.resolve("home"))
        .env("SF_TEST_GATES", project.gates.toString());
    CliProcess.Result started = sf.run("-C", repo, "parallel", "start", "--yes", "--detach");
    assertEquals(0, started.exitCode(), started.show());
    Matcher pid = COORDINATOR_PID.matcher(started.out());
    assertTrue(pid.find(), started.show());
    coordinator = Long.parseLong(pid.group(1));
    await().atMost(LONG).until(() -> project.workerAlive("M001"));

    Path classes = temp.resolve("status-classes.log");
    CliProcess traced = new CliProcess(temp.resolve("home"))
        .jvmOption("-Xlog:class+load=info:file=" + classes);
    CliProcess.Result status = traced.run("-C", repo, "parallel", "status");
    String loaded = Files.readString(classes);

    assertEquals(0, status.exitCode(), status.show());
    assertTrue(status.out().matches("(?s).*\nM001 +Milestone M001 +running .*"), status.show());
    assertEquals("", status.err(), status.show());
    assertTrue(loaded.contains(" dev.sf.cli.StatusCommand "), "class log is incomplete");
    assertFalse(loaded.contains(LOGBACK_CONTEXT), "status started Logback");
    assertFalse(loaded.contains(OBJECT_MAPPER), "status built an object mapper");

    CliProcess.Result stopped = sf.run("-C", repo, "parallel", "stop");
    assertEquals(0, stopped.exitCode(), stopped.show());
    await().atMost(LONG).until(() -> ProcessHandle.of(coordinator).isEmpty());
  }

  @Test
  void veryVerboseStatusStillLogsDebug() throws IOException {
    Path notAProject = Files.createDirectories(temp.resolve("plain"));
    CliProcess sf = new CliProcess(temp.resolve("home"));

    CliProcess.Result status = sf.run("-C", notAProject.toString(), "-vv", "parallel", "status");

    assertEquals(2, status.exitCode(), status.show());
    assertTrue(status.err().contains(" DEBUG d.sf.cli.ErrorReporter - Command failed\n"),
        status.show());
    assertTrue(status.err().contains("NotAProjectException"), status.show());
  }

  @Test
  void failedStatusPrintsOnlyItsMessage() throws IOException {
    Path notAProject = Files.createDirectories(temp.resolve("plain"));
    CliProcess sf = new CliProcess(temp.resolve("home"));

    CliProcess.Result status = sf.run("-C", notAProject.toString(), "parallel", "status");

    assertEquals(2, status.exitCode(), status.show());
    assertTrue(status.err().startsWith("sf: Folder '"), status.show());
    assertEquals(1, status.err().lines().count(), status.show());
  }
}
