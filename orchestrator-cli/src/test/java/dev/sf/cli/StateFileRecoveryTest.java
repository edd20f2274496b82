package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.doctor.ProjectFixture;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupts state files after a coordinator crash: start names the file, doctor rebuilds it from
 * the logs (adopting a worker that still runs), and the run then completes with the logged cost.
 */
@Tag("fault")
class StateFileRecoveryTest {
  @TempDir
  Path temp;

  @Test
  void corruptStateFilesAreNamedThenRebuilt() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 2, "4");
    Path root = project.root();
    Path output = temp.resolve("coordinator.out");
    RunStore store = new RunStore(root);
    Process first = CliProcesses.start(output, "-C", root.toString(), "parallel", "start",
        "--yes");
    MilestoneRecord running = await().atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> store.loadMilestones().get("M001"),
            record -> record != null && record.pid() != null && "running".equals(record.state()));
    CliProcesses.kill9(first);
    byte[] whole = Files.readAllBytes(store.milestoneFile("M001"));
    Files.write(store.milestoneFile("M001"), Arrays.copyOf(whole, whole.length / 3));
    Files.writeString(store.runFile(), "{\"run_id\": ");

    CliProcesses.Result refused = CliProcesses.run("-C", root.toString(), "parallel", "start",
        "--yes");
    assertEquals(1, refused.exitCode(), refused.out() + refused.err());
    assertTrue(refused.err().contains("run.json") || refused.err().contains("M001.json"),
        refused.err());
    assertTrue(refused.err().contains("sf doctor --fix"), refused.err());

    CliProcesses.Result report = CliProcesses.run("-C", root.toString(), "doctor");
    assertEquals(1, report.exitCode(), report.out());
    assertTrue(report.out().contains("unreadable-state-file: .sf/parallel/run.json"),
        report.out());
    assertTrue(report.out().contains("unreadable-state-file: .sf/parallel/workers/M001.json"),
        report.out());

    CliProcesses.Result fixed = CliProcesses.run("-C", root.toString(), "doctor", "--fix");
    Map<String, MilestoneRecord> rebuilt = store.loadMilestones();
    assertTrue(fixed.out().contains("[fixed] unreadable-state-file"), fixed.out());
    // Each slice takes 4 s, so the worker still runs and is found through its worktree.
    assertEquals("running", rebuilt.get("M001").state(), rebuilt.get("M001").toString());
    assertEquals(running.pid(), rebuilt.get("M001").pid());

    CliProcesses.Result finished = CliProcesses.run("-C", root.toString(), "parallel", "start",
        "--yes");
    Map<String, MilestoneRecord> done = store.loadMilestones();
    assertEquals(0, finished.exitCode(), finished.out() + finished.err());
    for (String id : List.of("M001", "M002")) {
      assertEquals("merged", done.get(id).state(), id);
    }
    assertEquals(running.pid(), done.get("M001").pid(), "the rebuilt worker was not adopted");
    assertEquals(0, CoordinatorCrashTest.loggedCost(store).compareTo(
        store.load().orElseThrow().run().totalUsd()));
    assertEquals(List.of(), CliProcesses.liveGroups(Set.of(running.pid())));
    assertEquals(0, CliProcesses.run("-C", root.toString(), "doctor").exitCode());
  }
}
