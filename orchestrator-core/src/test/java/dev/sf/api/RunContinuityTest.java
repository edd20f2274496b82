package dev.sf.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that goes on across coordinators: work finished while no coordinator ran is not paid for
 * twice, and cost already spent stays in the total when a milestone is taken out of the plan.
 */
class RunContinuityTest {
  @TempDir
  Path temp;

  @Test
  void workerCompletedWhileNoCoordinatorIsNotRunAgain() throws Exception {
    ProjectFixture fixture = ProjectFixture.create(temp, "  auto_merge: auto\n");
    fixture.milestone("M001", "");
    fixture.write("tools/M001.sh", "echo started >> \"$SF_WORKTREE/../../../runs.txt\"\n"
        + "while [ ! -f \"$SF_WORKTREE/../../../gate\" ]; do\n"
        + "  [ -d \"$SF_WORKTREE\" ] || exit 9; sleep 0.05\ndone\n");
    fixture.commitAll("Plan M001");
    Path runs = fixture.root.resolve("runs.txt");

    try (SfProject project = fixture.open()) {
      Run first = project.start(RunOptions.builder().acceptCommands(false).build());
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(runs));
      first.close(true);
    }
    Files.writeString(fixture.root.resolve("gate"), "open");
    await().atMost(Duration.ofSeconds(60)).until(() -> !workerAlive(fixture));

    RunSummary summary;
    try (SfProject project = fixture.open()) {
      Run second = project.start(RunOptions.builder().acceptCommands(false).build());
      summary = second.completion().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    MilestoneStatus m001 = summary.status().milestone("M001").orElseThrow();
    assertEquals("merged", m001.state(), () -> "reason: " + m001.reason());
    assertEquals(1, m001.attempts());
    assertEquals(0, new BigDecimal("0.25").compareTo(m001.costUsd()), m001.costUsd()::toString);
    assertEquals(1, Files.readAllLines(runs).size(), "the worker ran again");
    assertEquals(0, summary.exitCode());
  }

  @Test
  void costOfRemovedMilestoneStaysInTotalAndBudget() throws Exception {
    ProjectFixture fixture = ProjectFixture.create(temp, "  auto_merge: auto\n");
    fixture.milestone("M001", "");
    fixture.milestone("M002", "");
    fixture.commitAll("Plan two milestones");
    try (SfProject project = fixture.open()) {
      Run run = project.start(RunOptions.builder().acceptCommands(false).build());
      RunSummary summary = run.completion().toCompletableFuture().get(120, TimeUnit.SECONDS);
      assertEquals(0, new BigDecimal("0.50").compareTo(summary.status().totalUsd()));
    }
    fixture.git("rm", "-q", "-r", ".sf/milestones/M002");
    fixture.milestone("M003", "");
    fixture.commitAll("Drop M002 from the plan, add M003");

    StatusSnapshot before;
    RunSummary summary;
    try (SfProject project = SfProject.open(fixture.root, ProjectOptions.builder()
        .sfHome(fixture.home).override("parallel.budget_ceiling", "0.40").build())) {
      before = project.status();
      Run run = project.start(RunOptions.builder().acceptCommands(false).build());
      summary = run.completion().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    assertEquals(0, new BigDecimal("0.50").compareTo(before.totalUsd()),
        () -> "total before the second start: " + before.totalUsd());
    assertTrue(summary.budgetReached(), "the spent 0.50 USD must count against the 0.40 ceiling");
    assertEquals("pending", summary.status().milestone("M003").orElseThrow().state());
    assertEquals(1, summary.exitCode());
  }

  @Test
  void uncommittedPlanReachesWorker() throws Exception {
    ProjectFixture fixture = ProjectFixture.create(temp, "  auto_merge: manual\n");
    fixture.write("tools/M001.sh", "grep -q 'Draft plan' \"$SF_PLAN_FILE\" || exit 7\n");
    fixture.commitAll("Add the worker hook");
    fixture.milestone("M001", "");
    fixture.write(".sf/milestones/M001/MILESTONE.md",
        "---\ntitle: Not committed\n---\nDraft plan, not committed yet.\n");

    RunSummary summary;
    try (SfProject project = fixture.open()) {
      Run run = project.start(RunOptions.builder().acceptCommands(false).build());
      summary = run.completion().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    MilestoneStatus m001 = summary.status().milestone("M001").orElseThrow();
    assertEquals("completed", m001.state(), () -> "reason: " + m001.reason());
    String log = Files.readString(fixture.root.resolve(".sf/parallel/logs/M001.log"));
    assertTrue(log.contains("not committed"), log);
  }

  @Test
  void failedMergeOfEarlierWorkFailsRun() throws Exception {
    ProjectFixture fixture = ProjectFixture.create(temp, "  auto_merge: manual\n");
    fixture.milestone("M001", "");
    fixture.write("tools/M001.sh", "echo 'from the branch' > README.md\n"
        + "git commit -q -am 'Change the readme'\n");
    fixture.commitAll("Plan M001");
    try (SfProject project = fixture.open()) {
      Run first = project.start(RunOptions.builder().acceptCommands(false).build());
      RunSummary summary = first.completion().toCompletableFuture().get(120, TimeUnit.SECONDS);
      assertEquals("completed", summary.status().milestone("M001").orElseThrow().state());
      assertEquals(0, summary.exitCode());
    }
    fixture.write("README.md", "from main\n");
    fixture.commitAll("Change the readme on main");

    RunSummary summary;
    try (SfProject project = SfProject.open(fixture.root, ProjectOptions.builder()
        .sfHome(fixture.home).override("parallel.auto_merge", "auto").build())) {
      Run second = project.start(RunOptions.builder().acceptCommands(false).build());
      summary = second.completion().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    MilestoneStatus m001 = summary.status().milestone("M001").orElseThrow();
    assertEquals("conflict", m001.state(), () -> "reason: " + m001.reason());
    assertEquals(1, summary.exitCode(), "a merge that failed in this run makes it fail");
  }

  private static boolean workerAlive(ProjectFixture fixture) {
    Path worktrees = fixture.root.resolve(".sf/worktrees");
    return ProcessHandle.allProcesses().anyMatch(process -> cwdIsInside(process, worktrees));
  }

  private static boolean cwdIsInside(ProcessHandle process, Path root) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd"))
          .startsWith(root);
    } catch (Exception e) {
      return false;
    }
  }
}
