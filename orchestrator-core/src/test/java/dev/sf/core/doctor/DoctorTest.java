package dev.sf.core.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.control.LockHolderMain;
import dev.sf.core.git.MergeOutcome;
import dev.sf.core.git.MergeRequest;
import dev.sf.core.model.MergeStyle;
import dev.sf.core.model.MilestoneStatus;
import dev.sf.core.process.ProcessSignals;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.ProjectSession;
import dev.sf.core.runtime.RunRecord;
import dev.sf.core.runtime.RunStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
  private static final String LOG_TWO_SLICES = String.join("\n",
      "{\"sf\":\"slice\",\"id\":\"S01\",\"state\":\"started\"}",
      "{\"sf\":\"cost\",\"delta_usd\":0.01}",
      "{\"sf\":\"slice\",\"id\":\"S01\",\"state\":\"done\"}",
      "not an event line",
      "{\"sf\":\"cost\",\"delta_usd\":0.02}",
      "{\"sf\":\"slice\",\"id\":\"S02\",\"state\":\"done\"}",
      "");

  @TempDir
  Path temp;

  private ProjectFixture project;
  private ProjectSession session;
  private Process helper;

  @BeforeEach
  void createProject() {
    project = ProjectFixture.create(temp.resolve("project"), 2, "0");
    session = new ProjectSession(project.root(), temp.resolve("home"), Map.of(), null,
        List.of(), 4, Duration.ofMillis(25));
  }

  @AfterEach
  void cleanUp() {
    if (helper != null) {
      helper.destroyForcibly();
    }
    if (session != null) {
      session.close();
    }
  }

  private DoctorResult doctor(boolean fix, boolean force) {
    return new Doctor(session, fix, force).run();
  }

  private static Finding only(DoctorResult result, Check check) {
    List<Finding> found = result.findings().stream().filter(f -> f.check() == check).toList();
    assertEquals(1, found.size(), () -> "findings: " + result.findings());
    return found.get(0);
  }

  @Test
  void cleanProjectHasNoFindings() {
    DoctorResult result = doctor(true, false);

    assertEquals(List.of(), result.findings());
  }

  @Test
  void staleCoordinatorRecordIsDeleted() throws Exception {
    helper = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), LockHolderMain.class.getName(),
        project.root().toString()).redirectError(temp.resolve("holder.err").toFile()).start();
    awaitLocked(helper);
    helper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Path record = project.root().resolve(".sf/parallel/coordinator.json");
    assertTrue(Files.exists(record));

    Finding found = only(doctor(false, false), Check.STALE_COORDINATOR_RECORD);
    assertEquals(Outcome.FOUND, found.outcome());
    assertTrue(found.message().contains("pid " + helper.pid()), found.message());
    assertTrue(Files.exists(record));

    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.STALE_COORDINATOR_RECORD)
        .outcome());
    assertFalse(Files.exists(record));
    assertEquals(List.of(), doctor(false, false).findings());
  }

  @Test
  void runningCoordinatorIsNoProblem() throws Exception {
    helper = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), LockHolderMain.class.getName(),
        project.root().toString()).redirectError(temp.resolve("holder.err").toFile()).start();
    awaitLocked(helper);

    assertEquals(List.of(), doctor(true, false).findings());
    assertTrue(Files.exists(project.root().resolve(".sf/parallel/coordinator.json")));
  }

  @Test
  void deadWorkerRecordFailsWithCostFromLog() throws Exception {
    // cat runs until its input closes, so its start time can be read before it ends.
    Process ended = new ProcessBuilder("cat").start();
    Instant start = ProcessSignals.startTime(ended.toHandle()).orElseThrow();
    ended.getOutputStream().close();
    ended.waitFor();
    writeLog("M001", LOG_TWO_SLICES);
    RunStore store = session.store();
    store.writeMilestone(running("M001", ended.pid(), start));

    Finding found = only(doctor(false, false), Check.DEAD_WORKER_RECORD);
    assertEquals(Outcome.FOUND, found.outcome());
    assertEquals("running", store.loadMilestones().get("M001").state());

    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.DEAD_WORKER_RECORD).outcome());
    MilestoneRecord fixed = store.loadMilestones().get("M001");
    assertEquals("failed", fixed.state());
    assertEquals(0, new BigDecimal("0.03").compareTo(fixed.costUsd()), fixed.costUsd()::toString);
    assertEquals(List.of("S01", "S02"), fixed.slicesDone());
    assertEquals(Files.size(store.logFile("M001")), fixed.logOffset());
    assertEquals(List.of(), doctor(false, false).findings());
  }

  @Test
  void orphanWorkerIsReportedAndLeftRunning() throws Exception {
    helper = new ProcessBuilder("sleep", "60").start();
    Instant start = ProcessSignals.startTime(helper.toHandle()).orElseThrow();
    session.store().writeMilestone(running("M001", helper.pid(), start));

    Finding found = only(doctor(true, true), Check.ORPHAN_WORKER);

    assertEquals(Outcome.MANUAL, found.outcome());
    assertTrue(found.fix().contains("sf parallel start"), found.fix());
    assertTrue(found.fix().contains("sf parallel stop M001"), found.fix());
    assertTrue(helper.isAlive());
    assertEquals("running", session.store().loadMilestones().get("M001").state());
  }

  @Test
  void unknownEmptyWorktreeFolderIsDeleted() throws IOException {
    Path folder = Files.createDirectories(project.root().resolve(".sf/worktrees/M009"));

    assertEquals(Outcome.FOUND, only(doctor(false, false), Check.UNKNOWN_WORKTREE_FOLDER)
        .outcome());
    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.UNKNOWN_WORKTREE_FOLDER)
        .outcome());
    assertFalse(Files.exists(folder));
  }

  @Test
  void unknownWorktreeFolderWithFilesNeedsForce() {
    project.write(".sf/worktrees/M009/notes.txt", "keep me\n");
    Path notes = project.root().resolve(".sf/worktrees/M009/notes.txt");

    Finding kept = only(doctor(true, false), Check.UNKNOWN_WORKTREE_FOLDER);
    assertEquals(Outcome.NEEDS_FORCE, kept.outcome());
    assertTrue(kept.fix().contains("--force"), kept.fix());
    assertTrue(Files.exists(notes));

    assertEquals(Outcome.FIXED, only(doctor(true, true), Check.UNKNOWN_WORKTREE_FOLDER)
        .outcome());
    assertFalse(Files.exists(notes));
  }

  @Test
  void missingWorktreeFolderIsPruned() throws IOException {
    Path worktree = project.root().resolve(".sf/worktrees/M001");
    project.git("worktree", "add", "-q", "-b", "milestone/M001", worktree.toString());
    WorktreeCheck.deleteTree(worktree);

    assertEquals(Outcome.FOUND, only(doctor(false, false), Check.MISSING_WORKTREE_FOLDER)
        .outcome());
    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.MISSING_WORKTREE_FOLDER)
        .outcome());
    assertFalse(project.git("worktree", "list").contains("M001"));
    assertTrue(project.git("branch", "--list", "milestone/M001").contains("milestone/M001"));
  }

  @Test
  void mergedBranchAndCleanWorktreeAreRemoved() {
    Path worktree = mergedMilestone("M001");

    Finding found = only(doctor(false, false), Check.MERGED_BRANCH);
    assertEquals(Outcome.FOUND, found.outcome());
    assertTrue(found.fix().contains("remove the worktree"), found.fix());

    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.MERGED_BRANCH).outcome());
    assertFalse(Files.exists(worktree));
    assertEquals("", project.git("branch", "--list", "milestone/M001").strip());
    assertEquals(List.of(), doctor(false, false).findings());
  }

  @Test
  void mergedBranchWithUncommittedWorkNeedsForce() {
    Path worktree = mergedMilestone("M001");
    project.write(".sf/worktrees/M001/draft.txt", "unsaved\n");

    Finding kept = only(doctor(true, false), Check.MERGED_BRANCH);
    assertEquals(Outcome.NEEDS_FORCE, kept.outcome());
    assertTrue(kept.message().contains("draft.txt"), kept.message());
    assertTrue(Files.exists(worktree.resolve("draft.txt")));
    assertFalse(project.git("branch", "--list", "milestone/M001").isBlank());

    assertEquals(Outcome.FIXED, only(doctor(true, true), Check.MERGED_BRANCH).outcome());
    assertFalse(Files.exists(worktree));
  }

  @Test
  void mergedBranchWithUnmergedCommitNeedsForce() {
    Path worktree = mergedMilestone("M001");
    project.write(".sf/worktrees/M001/later.txt", "after the merge\n");
    ProjectFixture.gitIn(worktree, "add", "later.txt");
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Work after the merge");

    Finding kept = only(doctor(true, false), Check.MERGED_BRANCH);

    assertEquals(Outcome.NEEDS_FORCE, kept.outcome());
    assertTrue(kept.message().contains("later.txt"), kept.message());
    assertFalse(project.git("branch", "--list", "milestone/M001").isBlank());
  }

  @Test
  void squashMergedBranchIsRemovedWithoutForce() {
    Path worktree = project.root().resolve(".sf/worktrees/M001");
    project.git("worktree", "add", "-q", "-b", "milestone/M001", worktree.toString());
    project.write(".sf/worktrees/M001/feature.txt", "feature\n");
    ProjectFixture.gitIn(worktree, "add", "feature.txt");
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Feature");
    project.git("merge", "-q", "--squash", "milestone/M001");
    completeOnMain("M001");

    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.MERGED_BRANCH).outcome());
    assertEquals("", project.git("branch", "--list", "milestone/M001").strip());
  }

  @Test
  void commitAfterRecordedMergeIsKept() throws IOException {
    Path worktree = squashMergedBySf("M001");
    project.write(".sf/worktrees/M001/.sf/milestones/M001/notes.md", "notes\n");
    ProjectFixture.gitIn(worktree, "add", ".sf/milestones/M001/notes.md");
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Add notes");

    Finding kept = only(doctor(true, false), Check.MERGED_BRANCH);

    assertEquals(Outcome.NEEDS_FORCE, kept.outcome());
    assertTrue(kept.message().contains("1 commit"), kept.message());
    assertTrue(kept.message().contains(".sf/milestones/M001/notes.md"), kept.message());
    assertTrue(kept.fix().contains("git merge milestone/M001"), kept.fix());
    assertTrue(kept.fix().contains("--fix --force"), kept.fix());
    assertFalse(project.git("branch", "--list", "milestone/M001").isBlank());
    assertTrue(Files.exists(worktree.resolve(".sf/milestones/M001/notes.md")));

    assertEquals(Outcome.FIXED, only(doctor(true, true), Check.MERGED_BRANCH).outcome());
    assertEquals("", project.git("branch", "--list", "milestone/M001").strip());
  }

  @Test
  void squashMergedBranchAtRecordedCommitIsRemoved() throws IOException {
    Path worktree = squashMergedBySf("M001");
    project.write("feature.txt", "changed on main after the merge\n");
    project.git("commit", "-q", "-am", "Change the feature on main");

    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.MERGED_BRANCH).outcome());
    assertFalse(Files.exists(worktree));
    assertEquals("", project.git("branch", "--list", "milestone/M001").strip());
  }

  @Test
  void unrecordedBranchWithSfChangeIsKept() {
    Path worktree = project.root().resolve(".sf/worktrees/M001");
    project.git("worktree", "add", "-q", "-b", "milestone/M001", worktree.toString());
    project.write(".sf/worktrees/M001/feature.txt", "feature\n");
    ProjectFixture.gitIn(worktree, "add", "feature.txt");
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Feature");
    project.git("merge", "-q", "--squash", "milestone/M001");
    completeOnMain("M001");
    project.write(".sf/worktrees/M001/.sf/milestones/M001/notes.md", "notes\n");
    ProjectFixture.gitIn(worktree, "add", ".sf/milestones/M001/notes.md");
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Add notes");

    Finding kept = only(doctor(true, false), Check.MERGED_BRANCH);

    assertEquals(Outcome.NEEDS_FORCE, kept.outcome());
    assertTrue(kept.message().contains(".sf/milestones/M001/notes.md"), kept.message());
    assertFalse(project.git("branch", "--list", "milestone/M001").isBlank());
  }

  @Test
  void statusFileOfBranchIsNotUnmergedWork() {
    Path worktree = project.root().resolve(".sf/worktrees/M001");
    project.git("worktree", "add", "-q", "-b", "milestone/M001", worktree.toString());
    project.write(".sf/worktrees/M001/feature.txt", "feature\n");
    project.write(".sf/worktrees/M001/.sf/milestones/M001/status.yaml", "state: completed\n");
    ProjectFixture.gitIn(worktree, "add", "-A", "feature.txt", ".sf/milestones");
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Feature");
    project.git("merge", "-q", "--squash", "milestone/M001");
    completeOnMain("M001");

    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.MERGED_BRANCH).outcome());
    assertEquals("", project.git("branch", "--list", "milestone/M001").strip());
  }

  @Test
  void recordedIntegrationBranchIsUsed() throws IOException {
    Path worktree = squashMergedBySf("M001");
    project.git("switch", "-q", "-c", "feature");
    project.git("rm", "-q", "feature.txt");
    project.git("commit", "-q", "-m", "Drop the feature on this branch");

    DoctorResult result = doctor(true, false);

    Finding merged = only(result, Check.MERGED_BRANCH);
    assertEquals(Outcome.FIXED, merged.outcome());
    assertTrue(merged.message().contains("merged into 'main'"), merged.message());
    assertFalse(Files.exists(worktree));
    Finding other = only(result, Check.OTHER_BRANCH_CHECKED_OUT);
    assertEquals(Outcome.MANUAL, other.outcome());
    assertTrue(other.message().contains("'feature'"), other.message());
    assertTrue(other.fix().contains("git switch main"), other.fix());
  }

  @Test
  void leftoverMergeStateIsForgottenOnlyWithForce() throws IOException {
    Path gitDir = project.root().resolve(".git");
    String head = project.git("rev-parse", "HEAD").strip();
    Files.writeString(gitDir.resolve("MERGE_HEAD"), head + "\n");
    Files.writeString(gitDir.resolve("MERGE_MSG"), "Merge\n");
    Files.writeString(gitDir.resolve("SQUASH_MSG"), "Squash\n");
    project.write("README.md", "edited by the user\n");

    Finding kept = only(doctor(true, false), Check.MERGE_LEFTOVER);
    assertEquals(Outcome.NEEDS_FORCE, kept.outcome());
    assertTrue(kept.subject().contains("MERGE_HEAD"), kept.subject());
    assertTrue(Files.exists(gitDir.resolve("MERGE_HEAD")));

    assertEquals(Outcome.FIXED, only(doctor(true, true), Check.MERGE_LEFTOVER).outcome());
    assertFalse(Files.exists(gitDir.resolve("MERGE_HEAD")));
    assertFalse(Files.exists(gitDir.resolve("MERGE_MSG")));
    assertFalse(Files.exists(gitDir.resolve("SQUASH_MSG")));
    assertEquals("edited by the user\n", Files.readString(project.root().resolve("README.md")));
  }

  @Test
  void deliberateMergeInProgressIsKept() throws IOException {
    project.git("checkout", "-q", "-b", "other");
    project.write("other.txt", "other\n").git("add", "other.txt");
    project.git("commit", "-q", "-m", "Other");
    project.git("checkout", "-q", "main");
    project.git("merge", "-q", "--no-ff", "--no-commit", "other");

    Finding kept = only(doctor(true, false), Check.MERGE_LEFTOVER);

    assertEquals(Outcome.NEEDS_FORCE, kept.outcome());
    assertTrue(kept.fix().contains("git merge --continue"), kept.fix());
    assertTrue(kept.fix().contains("git merge --abort"), kept.fix());
    assertTrue(kept.fix().contains("--fix --force"), kept.fix());
    assertTrue(Files.exists(project.root().resolve(".git/MERGE_HEAD")));
    project.git("commit", "-q", "--no-edit");
    assertEquals(2, project.git("log", "-1", "--format=%P").strip().split(" ").length);
  }

  @Test
  void conflictedMergeIsLeftToUser() throws IOException {
    project.git("checkout", "-q", "-b", "other");
    project.write("README.md", "other\n").git("commit", "-q", "-am", "Other");
    project.git("checkout", "-q", "main");
    project.write("README.md", "main\n").git("commit", "-q", "-am", "Main");
    new ProcessBuilder("git", "-C", project.root().toString(), "merge", "-q", "other")
        .start().getInputStream().readAllBytes();

    Finding found = only(doctor(true, true), Check.MERGE_LEFTOVER);

    assertEquals(Outcome.MANUAL, found.outcome());
    assertTrue(found.message().contains("README.md"), found.message());
    assertTrue(Files.exists(project.root().resolve(".git/MERGE_HEAD")));
  }

  @Test
  void invalidFilesAreReportedWithLine() {
    project.write(".sf/milestones/M002/MILESTONE.md", "---\ntitle: Two\nslices: 5\n---\n");
    project.write(".sf/preferences.yaml", "parallel:\n  max_workers: 9\n");

    DoctorResult result = doctor(true, true);

    Finding milestone = only(result, Check.INVALID_MILESTONE);
    assertEquals(Outcome.MANUAL, milestone.outcome());
    assertTrue(milestone.subject().startsWith(".sf/milestones/M002/MILESTONE.md:"),
        milestone.subject());
    Finding preferences = only(result, Check.INVALID_PREFERENCES);
    assertEquals(Outcome.MANUAL, preferences.outcome());
    assertTrue(preferences.subject().startsWith(".sf/preferences.yaml:2"),
        preferences.subject());
    assertTrue(preferences.message().contains("max_workers"), preferences.message());
  }

  @Test
  void truncatedWorkerFileIsRebuiltFromLog() throws IOException {
    writeLog("M001", LOG_TWO_SLICES);
    RunStore store = session.store();
    store.writeMilestone(running("M001", 1L, Instant.EPOCH));
    byte[] whole = Files.readAllBytes(store.milestoneFile("M001"));
    Files.write(store.milestoneFile("M001"), java.util.Arrays.copyOf(whole, whole.length / 2));

    Finding found = only(doctor(false, false), Check.UNREADABLE_STATE_FILE);
    assertEquals(".sf/parallel/workers/M001.json", found.subject());
    assertTrue(found.fix().contains("M001.log"), found.fix());

    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.UNREADABLE_STATE_FILE)
        .outcome());
    MilestoneRecord rebuilt = store.loadMilestones().get("M001");
    assertEquals("failed", rebuilt.state());
    assertEquals(0, new BigDecimal("0.03").compareTo(rebuilt.costUsd()));
    assertEquals(List.of("S01", "S02"), rebuilt.slicesDone());
    assertEquals(Files.size(store.logFile("M001")), rebuilt.logOffset());
    assertNull(rebuilt.pid());
  }

  @Test
  void corruptRunFileIsRebuiltFromRecords() throws IOException {
    writeLog("M001", LOG_TWO_SLICES);
    RunStore store = session.store();
    store.writeMilestone(new LogRebuilder(session).rebuild("M001", "main"));
    Files.writeString(store.runFile(), "{\"run_id\": \"abc\", \"total_usd\": ");

    assertEquals(Outcome.FIXED, only(doctor(true, false), Check.UNREADABLE_STATE_FILE)
        .outcome());
    RunRecord run = store.load().orElseThrow().run();
    assertEquals("main", run.integrationBranch());
    assertEquals(0, new BigDecimal("0.03").compareTo(run.totalUsd()));
    assertNotNull(run.runId());
  }

  private Path mergedMilestone(String id) {
    Path worktree = project.root().resolve(".sf/worktrees/" + id);
    project.git("worktree", "add", "-q", "-b", "milestone/" + id, worktree.toString());
    project.write(".sf/worktrees/" + id + "/feature.txt", "feature\n");
    ProjectFixture.gitIn(worktree, "add", "feature.txt");
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Feature");
    project.git("merge", "-q", "--no-ff", "-m", "Merge " + id, "milestone/" + id);
    completeOnMain(id);
    return worktree;
  }

  /**
   * Squash-merges a milestone into main as sf does, in memory, and records it as merged with the
   * merged branch commit. Its worktree is kept, as sf keeps one with uncommitted changes.
   */
  private Path squashMergedBySf(String id) throws IOException {
    Path worktree = project.root().resolve(".sf/worktrees/" + id);
    String branch = "milestone/" + id;
    project.git("worktree", "add", "-q", "-b", branch, worktree.toString());
    project.write(".sf/worktrees/" + id + "/feature.txt", "feature\n");
    project.write(".sf/worktrees/" + id + "/.sf/milestones/" + id + "/status.yaml",
        new MilestoneStatus(MilestoneStatus.COMPLETED, List.of("S01"), Instant.now(),
            BigDecimal.ONE).toYaml());
    ProjectFixture.gitIn(worktree, "add", "-A", "feature.txt", ".sf/milestones");
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Feature");
    MergeOutcome outcome = session.git().merge(new MergeRequest(id, branch, "main",
        MergeStyle.SQUASH, "Milestone " + id, Optional.empty()));
    MergeOutcome.Merged merged = assertInstanceOf(MergeOutcome.Merged.class, outcome);
    project.git("reset", "-q", "--hard");
    session.store().writeRun(new RunRecord("run-1", "main", Instant.now(), Instant.now(), null,
        BigDecimal.ZERO, RunRecord.BUDGET_OK, Instant.now()));
    session.store().writeMilestone(new MilestoneRecord(id, "Milestone " + id, "merged", null,
        null, null, null, 0, null, BigDecimal.ONE, List.of(), List.of("S01"), 1, null, null,
        null, 0, 1, merged.branchCommit(), List.of()));
    return worktree;
  }

  private void completeOnMain(String id) {
    project.write(".sf/milestones/" + id + "/status.yaml", new MilestoneStatus(
        MilestoneStatus.COMPLETED, List.of("S01"), Instant.now(), BigDecimal.ONE).toYaml());
    project.git("add", "-A", ".sf/milestones");
    project.git("commit", "-q", "-m", "Complete " + id);
  }

  private void writeLog(String id, String text) throws IOException {
    Path log = session.store().logFile(id);
    Files.createDirectories(log.getParent());
    Files.writeString(log, text);
  }

  private static MilestoneRecord running(String id, long pid, Instant start) {
    return new MilestoneRecord(id, "Milestone " + id, "running", null, pid, start,
        ".sf/parallel/logs/" + id + ".log", 0, null, BigDecimal.ZERO, List.of(), List.of(), 3,
        null, Instant.now(), null, null, 1, null, List.of());
  }

  private static void awaitLocked(Process process) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    String line = reader.readLine();
    while (line != null && !line.startsWith("LOCKED ")) {
      line = reader.readLine();
    }
    assertNotNull(line, "the lock holder ended without taking the lock");
  }
}
