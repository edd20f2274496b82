package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.errors.GitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worktree add, reuse, refusal, list, remove and branch delete, through the git command. */
class WorktreeTest {

  @TempDir Path dir;
  TestRepo repo;
  Path worktree;

  @BeforeEach
  void setUp() {
    repo = TestRepo.create(dir.resolve("projet à tester"));
    worktree = repo.root.resolve(".sf/worktrees/M 001 é");
  }

  @Test
  void addCreatesBranchFromStartPoint() {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");

      List<WorktreeInfo> list = git.listWorktrees();
      assertEquals(2, list.size());
      assertTrue(list.get(0).main());
      assertEquals("main", list.get(0).branch());
      assertEquals(worktree.toRealPath(), list.get(1).path());
      assertEquals("milestone/M001", list.get(1).branch());
      assertEquals(repo.head("main"), list.get(1).head());
      assertTrue(Files.exists(worktree.resolve("README.md")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void addReusesExistingWorktreeKeepingWork() throws Exception {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");
      Files.writeString(worktree.resolve("work.txt"), "unfinished\n");

      git.addWorktree(worktree, "milestone/M001", "main");

      assertEquals("unfinished\n", Files.readString(worktree.resolve("work.txt")));
      assertEquals(Set.of("work.txt"), git.uncommittedPaths(worktree));
    }
  }

  @Test
  void addUsesExistingBranch() {
    repo.git("branch", "milestone/M001");
    repo.git("checkout", "-q", "milestone/M001");
    String branchHead = repo.write("x.txt", "x\n").commitAll("On branch");
    repo.git("checkout", "-q", "main");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");

      assertEquals(branchHead, TestRepo.gitIn(worktree, "rev-parse", "HEAD").strip());
    }
  }

  @Test
  void addRejectsPlainFolder() throws Exception {
    Files.createDirectories(worktree);
    Files.writeString(worktree.resolve("keep.txt"), "mine\n");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException e = assertThrows(GitException.class,
          () -> git.addWorktree(worktree, "milestone/M001", "main"));

      assertTrue(e.getMessage().contains("exists but is not a worktree"), e.getMessage());
      assertEquals(1, git.listWorktrees().size());
      assertTrue(git.branchHead("milestone/M001").isEmpty());
    }
  }

  @Test
  void addRejectsOtherBranchWorktree() {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M002", "main");

      GitException e = assertThrows(GitException.class,
          () -> git.addWorktree(worktree, "milestone/M001", "main"));

      assertTrue(e.getMessage().contains("'milestone/M002'"), e.getMessage());
    }
  }

  @Test
  void addRejectsBranchCheckedOutElsewhere() {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");
      Path second = repo.root.resolve(".sf/worktrees/other");

      GitException e = assertThrows(GitException.class,
          () -> git.addWorktree(second, "milestone/M001", "main"));

      assertTrue(e.getMessage().contains("already checked out"), e.getMessage());
      assertFalse(Files.exists(second));
    }
  }

  @Test
  void removeKeepsDirtyWorktreeUnlessForced() throws Exception {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");
      Files.writeString(worktree.resolve("draft.txt"), "draft\n");

      GitException e = assertThrows(GitException.class, () -> git.removeWorktree(worktree, false));
      assertTrue(e.getMessage().contains("draft.txt"), e.getMessage());
      assertTrue(Files.exists(worktree.resolve("draft.txt")));

      git.removeWorktree(worktree, true);
      assertFalse(Files.exists(worktree));
      assertEquals(1, git.listWorktrees().size());
    }
  }

  @Test
  void removeCleanWorktree() {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");

      git.removeWorktree(worktree, false);

      assertFalse(Files.exists(worktree));
      assertTrue(git.branchHead("milestone/M001").isPresent());
    }
  }

  @Test
  void openFromLinkedWorktreeFindsMainRoot() throws Exception {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");
    }
    Files.createDirectories(worktree.resolve("sub"));

    try (ProjectGit git = ProjectGit.open(worktree.resolve("sub"))) {
      assertEquals(repo.root.toRealPath(), git.root());
      assertEquals("main", git.currentBranch());
    }
  }

  @Test
  void commitPathsInWorktreeLeavesOtherFiles() throws Exception {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");
      Files.createDirectories(worktree.resolve(".sf/milestones/M001"));
      Files.writeString(worktree.resolve(".sf/milestones/M001/status.yaml"), "state: done\n");
      Files.writeString(worktree.resolve("wip.txt"), "worker's file\n");
      Files.writeString(worktree.resolve("README.md"), "edited by worker\n");
      TestRepo.gitIn(worktree, "add", "README.md");

      String commit = git.commitPaths(worktree, List.of(".sf/milestones/M001"), "Record status")
          .orElseThrow();

      assertEquals(commit, git.branchHead("milestone/M001").orElseThrow());
      assertEquals("state: done\n",
          git.readFile("milestone/M001", ".sf/milestones/M001/status.yaml").orElseThrow());
      assertEquals("hello\n", git.readFile("milestone/M001", "README.md").orElseThrow());
      assertEquals(Set.of("README.md", "wip.txt"), git.uncommittedPaths(worktree));
      assertEquals("M  README.md", TestRepo.gitIn(worktree, "status", "--porcelain",
          "README.md").strip());
      assertTrue(git.commitPaths(worktree, List.of("nothing-here"), "Empty").isEmpty());
    }
  }

  @Test
  void deleteBranchGuards() {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");
      TestRepo.gitIn(worktree, "commit", "-q", "--allow-empty", "-m", "Work");

      GitException checkedOut = assertThrows(GitException.class,
          () -> git.deleteBranch("milestone/M001", "main", true));
      assertTrue(checkedOut.getMessage().contains("checked out"), checkedOut.getMessage());
      assertTrue(git.branchHead("milestone/M001").isPresent());

      git.removeWorktree(worktree, false);
      GitException unmerged = assertThrows(GitException.class,
          () -> git.deleteBranch("milestone/M001", "main", false));
      assertTrue(unmerged.getMessage().contains("1 commit(s)"), unmerged.getMessage());
      assertTrue(git.branchHead("milestone/M001").isPresent());

      git.deleteBranch("milestone/M001", "main", true);
      assertTrue(git.branchHead("milestone/M001").isEmpty());
    }
  }

  @Test
  void deleteMergedBranchWithoutForce() {
    repo.git("branch", "done");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.isMerged("done", "main"));

      git.deleteBranch("done", "main", false);

      assertTrue(git.branchHead("done").isEmpty());
      assertThrows(GitException.class, () -> git.deleteBranch("main", "main", true));
    }
  }
}
