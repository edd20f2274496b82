package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.doctor.ProjectFixture;
import dev.sf.core.process.ProcessSignals;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.RunStore;
import dev.sf.spi.WorkerSignal;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills worker processes and coordinators with SIGKILL and checks what a later start does. */
@Tag("fault")
class WorkerCrashTest {
  @TempDir
  Path temp;

  @Test
  void killedWorkerRerunsInSameWorktree() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 4, "1");
    Path root = project.root();
    Path output = temp.resolve("coordinator.out");
    RunStore store = new RunStore(root);
    Process coordinator = CliProcesses.start(output, "-C", root.toString(), "parallel", "start",
        "--yes");
    MilestoneRecord running = await().atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> store.loadMilestones().get("M001"),
            record -> record != null && record.pid() != null
                && record.costUsd().signum() > 0 && "running".equals(record.state()));
    project.write(".sf/worktrees/M001/draft.txt", "uncommitted\n");
    ProcessSignals.signalGroups(WorkerSignal.KILL, List.of(running.pid()));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(running.pid()).map(p -> !p.isAlive()).orElse(true));

    int firstExit = CliProcesses.exitCode(coordinator, Duration.ofMinutes(2), output);
    Map<String, MilestoneRecord> afterKill = store.loadMilestones();

    assertEquals(1, firstExit, () -> running + "\n" + CliProcesses.read(output));
    assertEquals("failed", afterKill.get("M001").state());
    assertEquals(0, loggedCost(store, "M001").compareTo(afterKill.get("M001").costUsd()),
        () -> afterKill.get("M001").toString());
    assertTrue(afterKill.get("M001").costUsd().signum() > 0);
    for (String id : List.of("M002", "M003", "M004")) {
      assertEquals("merged", afterKill.get(id).state(), id);
    }
    assertTrue(Files.exists(root.resolve(".sf/worktrees/M001/draft.txt")));

    CliProcesses.Result second = CliProcesses.run("-C", root.toString(), "parallel", "start",
        "--yes");
    Map<String, MilestoneRecord> done = store.loadMilestones();

    assertEquals(0, second.exitCode(), second.out() + second.err());
    assertEquals("merged", done.get("M001").state());
    assertTrue(Files.readString(store.logFile("M001")).contains("found draft.txt"),
        "the rerun did not start in the worktree with the uncommitted file");
    assertEquals(2, done.get("M001").attempts());
    assertEquals(0, CoordinatorCrashTest.loggedCost(store).compareTo(
        store.load().orElseThrow().run().totalUsd()));
    assertEquals(List.of(), CliProcesses.liveGroups(Set.of(running.pid(), done.get("M001").pid())));
  }

  @Test
  void silentWorkerIsAdoptedByRestartedCoordinator() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 2, "6");
    Path root = project.root();
    Path output = temp.resolve("coordinator.out");
    RunStore store = new RunStore(root);
    Process first = CliProcesses.start(output, "-C", root.toString(), "parallel", "start",
        "--yes");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
        .until(() -> store.loadMilestones().values().stream()
            .filter(r -> r.pid() != null && "running".equals(r.state())).count() == 2);
    Map<String, MilestoneRecord> before = store.loadMilestones();
    CliProcesses.kill9(first);
    long logSize = Files.size(store.logFile("M001"));

    // Each slice sleeps 6 s without output: many poll intervals of 25 ms, and longer than a
    // coordinator JVM takes to start on a busy machine.
    Process second = CliProcesses.start(output, "-C", root.toString(), "parallel", "start",
        "--yes");
    int exitCode = CliProcesses.exitCode(second, Duration.ofMinutes(2), output);
    Map<String, MilestoneRecord> after = store.loadMilestones();

    assertEquals(0, exitCode, () -> CliProcesses.read(output));
    Set<Long> groups = new TreeSet<>();
    for (String id : List.of("M001", "M002")) {
      assertEquals("merged", after.get(id).state(), id);
      assertEquals(before.get(id).pid(), after.get(id).pid(), () -> id + " was started again: "
          + CliProcesses.read(output));
      assertEquals(1, after.get(id).attempts(), id);
      assertEquals(0, new BigDecimal("0.03").compareTo(after.get(id).costUsd()), id);
      groups.add(after.get(id).pid());
    }
    assertTrue(Files.size(store.logFile("M001")) > logSize);
    assertTrue(CliProcesses.read(output).contains("M001 worker adopted"), "no adoption was logged");
    assertEquals(List.of(), CliProcesses.liveGroups(groups));
  }

  private static BigDecimal loggedCost(RunStore store, String id) throws Exception {
    long deltas = Files.readAllLines(store.logFile(id)).stream()
        .filter(line -> line.contains("\"delta_usd\"")).count();
    return new BigDecimal(ProjectFixture.SLICE_COST).multiply(BigDecimal.valueOf(deltas));
  }
}
