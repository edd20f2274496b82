package dev.sf.core.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.api.ControlResult;
import dev.sf.api.MilestoneStatus;
import dev.sf.api.Run;
import dev.sf.api.RunOptions;
import dev.sf.api.RunSummary;
import dev.sf.api.SfProject;
import dev.sf.api.StatusSnapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real worker processes through the public API and checks the budget ceiling, pause,
 * resume and stop against the process table.
 */
class RunLifecycleTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir
  Path temp;

  @Test
  void ceilingStopsAllFourWorkersAndStartsNoOther() throws IOException {
    String crossing = """
        touch "$SF_TEST_MARKS/$1.started"
        while [ ! -f "$SF_TEST_MARKS/go" ]; do sleep 0.05; done
        echo '{"sf":"cost","total_usd":6}'
        while :; do sleep 0.05; done
        """;
    String small = """
        echo '{"sf":"cost","total_usd":0.5}'
        sh -c 'while :; do sleep 0.1; done' &
        while :; do sleep 0.05; done
        """;
    TestProject fixture = TestProject.create(temp, 4, "5.00")
        .milestone("M001", "", crossing)
        .milestone("M002", "", small)
        .milestone("M003", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M004", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M005", "", TestProject.COMPLETE_AT_ONCE)
        .commit();
    List<String> running = List.of("M001", "M002", "M003", "M004");

    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      await().atMost(LONG).until(() -> running.stream().allMatch(id ->
          "running".equals(row(run, id).state())));
      await().atMost(LONG).until(() -> row(run, "M002").costUsd().compareTo(
          new BigDecimal("0.5")) == 0);
      Map<String, Long> groups = new HashMap<>();
      for (String id : running) {
        groups.put(id, row(run, id).pid());
      }
      Files.createFile(fixture.mark("go"));

      RunSummary summary = join(run.completion());

      assertEquals(1, summary.exitCode());
      for (String id : running) {
        assertEquals("budget-stopped", summary.status().milestone(id).orElseThrow().state(),
            id);
        long group = groups.get(id);
        await().atMost(LONG).until(() -> !ProcessTable.alive(group));
      }
      assertEquals("pending", summary.status().milestone("M005").orElseThrow().state());
      assertFalse(Files.exists(fixture.root.resolve(".sf/worktrees/M005")));
      assertEquals("reached", summary.status().budgetState());
      assertTrue(summary.budgetReached());
      assertEquals(0, new BigDecimal("5.00").compareTo(summary.status().ceilingUsd()));
      assertEquals(0, new BigDecimal("6.5").compareTo(summary.status().totalUsd()));
      assertEquals(0, new BigDecimal("1.5").compareTo(summary.status().overrunUsd()));
      RunRecord record = new RunStore(fixture.root).load().orElseThrow().run();
      assertEquals(RunRecord.BUDGET_REACHED, record.budgetState());
    }
  }

  @Test
  void pausedWorkerIsStoppedAndItsLogStaysStill() throws IOException {
    TestProject fixture = TestProject.create(temp, 2, null)
        .milestone("M001", "", TestProject.RUN_UNTIL_FINISHED)
        .commit();

    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      await().atMost(LONG).until(() -> "running".equals(row(run, "M001").state()));
      long group = row(run, "M001").pid();
      Path log = fixture.log("M001");
      await().atMost(LONG).until(() -> ProcessTable.group(group).size() >= 2
          && Files.size(log) > 0);

      ControlResult paused = join(run.pause("M001"));

      assertTrue(paused.ok(), paused.message());
      await().atMost(LONG).until(() -> "paused".equals(row(run, "M001").state()));
      await().atMost(LONG).until(() -> ProcessTable.allStopped(group));
      assertTrue(ProcessTable.group(group).size() >= 2, "the forked child belongs to the group");
      long size = Files.size(log);
      await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
          .until(() -> Files.size(log) == size);

      ControlResult resumed = join(run.resume("M001"));

      assertTrue(resumed.ok(), resumed.message());
      await().atMost(LONG).until(() -> Files.size(log) > size);
      assertEquals("running", row(run, "M001").state());
      Files.createFile(fixture.mark("M001.finish"));
      RunSummary summary = join(run.completion());
      assertEquals(0, summary.exitCode());
      assertEquals("merged", summary.status().milestone("M001").orElseThrow().state());
      await().atMost(LONG).until(() -> !ProcessTable.alive(group));
    }
  }

  @Test
  void pauseAndResumeFiftyMillisApartEndCompleted() throws IOException {
    TestProject fixture = TestProject.create(temp, 2, null)
        .milestone("M001", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M002", "", TestProject.RUN_UNTIL_FINISHED)
        .commit();

    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      await().atMost(LONG).until(() -> "running".equals(row(run, "M001").state())
          && "running".equals(row(run, "M002").state()));
      long group = row(run, "M001").pid();

      for (int round = 0; round < 5; round++) {
        join(run.pause(round % 2 == 0 ? "M001" : null));
        join(CompletableFuture.supplyAsync(() -> null,
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)));
        join(run.resume(round % 2 == 0 ? "M001" : null));
      }

      await().atMost(LONG).until(() -> "running".equals(row(run, "M001").state())
          && ProcessTable.group(group).stream().noneMatch(p -> p.state() == 'T'));
      Files.createFile(fixture.mark("M001.finish"));
      Files.createFile(fixture.mark("M002.finish"));
      RunSummary summary = join(run.completion());
      assertEquals(0, summary.exitCode());
      assertEquals("merged", summary.status().milestone("M001").orElseThrow().state());
      assertEquals("merged", summary.status().milestone("M002").orElseThrow().state());
    }
  }

  @Test
  void mergeRecordedAfterBranchRemovalEndsMerged() throws IOException {
    TestProject fixture = TestProject.create(temp, 1, null)
        .milestone("M001", "", TestProject.COMPLETE_AT_ONCE)
        .commit();
    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      assertEquals(0, join(run.completion()).exitCode());
    }
    String mainHead = TestProject.git(fixture.root, "rev-parse", "main").strip();
    // As a coordinator killed after deleting the merged branch leaves it: still 'merging'.
    RunStore store = new RunStore(fixture.root);
    MilestoneRecord merged = store.loadMilestones().get("M001");
    store.writeMilestone(merged.withState(MilestoneState.MERGING, null));

    RunSummary summary;
    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      summary = join(run.completion());
    }

    MilestoneStatus m001 = summary.status().milestone("M001").orElseThrow();
    assertEquals("merged", m001.state(), m001::reason);
    assertEquals(0, summary.exitCode());
    assertEquals(mainHead, TestProject.git(fixture.root, "rev-parse", "main").strip());
  }

  @Test
  void stoppingOneWorkerLeavesOthersCompleting() throws IOException {
    TestProject fixture = TestProject.create(temp, 4, null)
        .milestone("M001", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M002", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M003", "", TestProject.RUN_UNTIL_FINISHED)
        .commit();
    List<String> others = List.of("M002", "M003");

    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      await().atMost(LONG).until(() -> List.of("M001", "M002", "M003").stream()
          .allMatch(id -> "running".equals(row(run, id).state())));
      long stoppedGroup = row(run, "M001").pid();

      ControlResult stopped = project.stop("M001", false);

      assertTrue(stopped.ok(), stopped.message());
      await().atMost(LONG).until(() -> "stopped".equals(row(run, "M001").state()));
      await().atMost(LONG).until(() -> !ProcessTable.alive(stoppedGroup));
      for (String id : others) {
        assertEquals("running", row(run, id).state(), id);
        assertTrue(ProcessTable.alive(row(run, id).pid()), id);
        Files.createFile(fixture.mark(id + ".finish"));
      }
      RunSummary summary = join(run.completion());
      assertEquals(1, summary.exitCode(), "a stopped milestone makes the run fail");
      assertEquals("stopped", summary.status().milestone("M001").orElseThrow().state());
      assertEquals("stopped by the user",
          summary.status().milestone("M001").orElseThrow().reason());
      for (String id : others) {
        assertEquals("merged", summary.status().milestone(id).orElseThrow().state(), id);
      }
      assertTrue(Files.isDirectory(fixture.root.resolve(".sf/worktrees/M001")),
          "a stopped milestone keeps its worktree");
    }
  }

  @Test
  void pauseResumeAndStopAllThroughProject() throws IOException {
    TestProject fixture = TestProject.create(temp, 2, null)
        .milestone("M001", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M002", "", TestProject.RUN_UNTIL_FINISHED)
        .milestone("M003", "", TestProject.COMPLETE_AT_ONCE)
        .commit();
    List<String> ids = List.of("M001", "M002");

    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      await().atMost(LONG).until(() -> ids.stream()
          .allMatch(id -> "running".equals(row(run, id).state())));
      long first = row(run, "M001").pid();
      long second = row(run, "M002").pid();

      assertTrue(project.pause(null).ok());
      await().atMost(LONG).until(() -> ProcessTable.allStopped(first) && ProcessTable.allStopped(second));
      assertEquals("paused", project.status().milestone("M002").orElseThrow().state());

      assertTrue(project.resume(null).ok());
      await().atMost(LONG).untilAsserted(() -> {
        assertTrue(ProcessTable.noneStopped(first), () -> "M001: " + ProcessTable.group(first));
        assertTrue(ProcessTable.noneStopped(second), () -> "M002: " + ProcessTable.group(second));
      });
      assertEquals("running", project.status().milestone("M001").orElseThrow().state());

      ControlResult stopAll = project.stop(null, false);

      assertTrue(stopAll.ok(), stopAll.message());
      RunSummary summary = join(run.completion());
      assertEquals(1, summary.exitCode());
      for (String id : ids) {
        assertEquals("stopped", summary.status().milestone(id).orElseThrow().state(), id);
      }
      assertEquals("pending", summary.status().milestone("M003").orElseThrow().state(),
          "stopping all starts no new worker");
      await().atMost(LONG).until(() -> !ProcessTable.alive(first) && !ProcessTable.alive(second));
    }
  }

  @Test
  void stopAndExitLeaveNoGrandchildren() throws IOException {
    String forking = """
        (sleep 1000 &)
        sh -c 'sleep 1000 & sleep 1000' &
        nohup sleep 1000 >/dev/null 2>&1 &
        touch "$SF_TEST_MARKS/$1.started"
        while [ ! -f "$SF_TEST_MARKS/$1.finish" ]; do sleep 0.05; done
        echo '{"sf":"complete"}'
        """;
    TestProject fixture = TestProject.create(temp, 2, null)
        .milestone("M001", "", forking)
        .milestone("M002", "", forking)
        .commit();

    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      await().atMost(LONG).until(() -> Files.exists(fixture.mark("M001.started"))
          && Files.exists(fixture.mark("M002.started"))
          && row(run, "M001").pid() != null && row(run, "M002").pid() != null);
      long stopped = row(run, "M001").pid();
      long exited = row(run, "M002").pid();
      await().atMost(LONG).until(() -> ProcessTable.group(stopped).size() >= 5
          && ProcessTable.group(exited).size() >= 5);

      assertTrue(join(run.stop("M001", false)).ok());
      Files.createFile(fixture.mark("M002.finish"));

      RunSummary summary = join(run.completion());
      assertEquals("stopped", summary.status().milestone("M001").orElseThrow().state());
      assertEquals("merged", summary.status().milestone("M002").orElseThrow().state());
      await().atMost(LONG).until(() -> !ProcessTable.alive(stopped));
      await().atMost(LONG).until(() -> !ProcessTable.alive(exited));
    }
  }

  @Test
  void failuresEndFailedWithReasonWhileOthersGoOn() throws IOException {
    String marking = """
        touch "$PWD/worker-ran"
        echo '{"sf":"complete"}'
        """;
    TestProject fixture = TestProject.create(temp, 4, null)
        .milestone("M001", "worker: {command: [\"no-such-sf-worker-command\"]}\n",
            TestProject.COMPLETE_AT_ONCE)
        .milestone("M002", "", marking)
        .milestone("M003", "", TestProject.COMPLETE_AT_ONCE)
        .milestone("M004", "", "echo '{\"sf\":\"cost\",\"total_usd\":0.2}'\nexit 3\n")
        .milestone("M005", "", "echo '{\"sf\":\"cost\",\"total_usd\":0.3}'\nexit 0\n")
        .milestone("M006", "", TestProject.RUN_UNTIL_FINISHED)
        .commit();
    Files.createDirectories(fixture.root.resolve(".sf/worktrees/M002"));
    TestProject.git(fixture.root, "worktree", "add", "-q", "-b", "milestone/M003",
        temp.resolve("elsewhere").toString(), "main");
    Files.createFile(fixture.mark("M006.finish"));

    try (SfProject project = fixture.open(); Run run = project.start(RunOptions.defaults())) {
      RunSummary summary = join(run.completion());
      StatusSnapshot status = summary.status();

      assertEquals(1, summary.exitCode());
      MilestoneStatus notFound = status.milestone("M001").orElseThrow();
      assertEquals("failed", notFound.state());
      assertTrue(notFound.reason().contains("no-such-sf-worker-command"), notFound.reason());
      MilestoneStatus plainFolder = status.milestone("M002").orElseThrow();
      assertEquals("failed", plainFolder.state());
      assertTrue(plainFolder.reason().contains("is not a worktree"), plainFolder.reason());
      assertFalse(Files.exists(fixture.root.resolve(".sf/worktrees/M002/worker-ran")));
      MilestoneStatus elsewhere = status.milestone("M003").orElseThrow();
      assertEquals("failed", elsewhere.state());
      assertTrue(elsewhere.reason().contains("already checked out"), elsewhere.reason());
      MilestoneStatus nonZero = status.milestone("M004").orElseThrow();
      assertEquals("failed", nonZero.state());
      assertEquals(3, nonZero.exitCode());
      assertTrue(nonZero.reason().contains("code 3"), nonZero.reason());
      assertEquals(0, new BigDecimal("0.2").compareTo(nonZero.costUsd()));
      MilestoneStatus noCompletion = status.milestone("M005").orElseThrow();
      assertEquals("failed", noCompletion.state());
      assertTrue(noCompletion.reason().contains("completion event"), noCompletion.reason());
      assertEquals("merged", status.milestone("M006").orElseThrow().state());
      assertEquals(0, new BigDecimal("0.75").compareTo(status.totalUsd()));
    }
  }

  static MilestoneStatus row(Run run, String id) {
    return join(run.status()).milestone(id).orElseThrow();
  }

  static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new AssertionError("Waiting for the run failed: " + e, e);
    }
  }
}
