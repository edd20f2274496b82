package dev.sf.core.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.runtime.ProcessTable;
import dev.sf.spi.LaunchRequest;
import dev.sf.spi.LaunchedWorker;
import dev.sf.spi.WorkerSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real processes through the built-in launcher and signals their groups. */
class DefaultWorkerLauncherTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  /** Forks a looping child, then loops itself, so the group has at least two members. */
  private static final String FORKING_SCRIPT =
      "sh -c 'while :; do sleep 0.1; done' & while :; do sleep 0.05; done";

  private final DefaultWorkerLauncher launcher = new DefaultWorkerLauncher();
  private final List<LaunchedWorker> started = new ArrayList<>();

  @TempDir
  Path temp;

  @AfterEach
  void killStarted() {
    for (LaunchedWorker worker : started) {
      worker.signal(WorkerSignal.CONT);
      worker.signal(WorkerSignal.KILL);
    }
    for (LaunchedWorker worker : started) {
      await().atMost(LONG).until(() -> !ProcessTable.alive(worker.pid()));
    }
  }

  @Test
  void launchWaitsForOwnGroup() throws IOException {
    for (int i = 0; i < 20; i++) {
      LaunchedWorker worker = launch("sleep", "30");

      assertEquals(worker.pid(), ProcessSignals.groupOf(worker.pid()).orElseThrow(),
          "launch " + i + " returned before setsid made the group");
    }
  }

  @Test
  void pauseAtOnceStopsGroup() throws IOException {
    for (int i = 0; i < 5; i++) {
      LaunchedWorker worker = launch("sh", "-c", FORKING_SCRIPT);

      worker.signal(WorkerSignal.STOP);

      long group = worker.pid();
      await().atMost(LONG).untilAsserted(() -> assertTrue(ProcessTable.allStopped(group),
          () -> "group " + group + ": " + ProcessTable.group(group)));
      worker.signal(WorkerSignal.CONT);
      await().atMost(LONG).until(() -> ProcessTable.group(group).size() >= 2
          && ProcessTable.noneStopped(group));
    }
  }

  @Test
  void killReachesForkedChildren() throws IOException {
    LaunchedWorker worker = launch("sh", "-c", FORKING_SCRIPT);
    long group = worker.pid();
    await().atMost(LONG).until(() -> ProcessTable.group(group).size() >= 2);

    worker.signal(WorkerSignal.KILL);

    await().atMost(LONG).until(() -> !ProcessTable.alive(group));
    assertEquals(128 + 9, worker.onExit().join());
  }

  @Test
  void groupOfEndedProcessIsEmpty() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();

    assertTrue(ProcessSignals.groupOf(process.pid()).isEmpty());
    assertFalse(ProcessSignals.awaitOwnGroup(process, Duration.ofSeconds(1)));
  }

  @Test
  void missingCommandNamesSetting() {
    IOException missing = assertThrows(IOException.class,
        () -> launch("sf-no-such-command-here"));
    assertTrue(missing.getMessage().contains("'sf-no-such-command-here'"), missing.getMessage());
    assertTrue(missing.getMessage().contains("worker.command"), missing.getMessage());

    IOException empty = assertThrows(IOException.class, () -> launch(""));
    assertTrue(empty.getMessage().contains("worker.command"), empty.getMessage());
  }

  private LaunchedWorker launch(String... command) throws IOException {
    LaunchedWorker worker = launcher.launch(new LaunchRequest("M001", List.of(command), temp,
        Map.of(), temp.resolve("worker.log")));
    started.add(worker);
    return worker;
  }
}
