package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.errors.GitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worktree add (alone, several at once, after an interrupted add, with a post-checkout hook),
 * reuse, refusal, list, remove and branch delete, through the git command.
 */
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
      assertTrue(git.addWorktree(worktree, "milestone/M001", "main"));
      Files.writeString(worktree.resolve("work.txt"), "unfinished\n");
      Files.writeString(worktree.resolve("README.md"), "edited\n");

      boolean checkedOut = git.addWorktree(worktree, "milestone/M001", "main");

      assertFalse(checkedOut);
      assertEquals("unfinished\n", Files.readString(worktree.resolve("work.txt")));
      assertEquals("edited\n", Files.readString(worktree.resolve("README.md")));
      assertEquals(Set.of("README.md", "work.txt"), git.uncommittedPaths(worktree));
    }
  }

  @Test
  void addChecksOutWorktreeLeftWithoutFiles() throws Exception {
    // What a process killed between registering the worktree and checking it out leaves.
    repo.git("worktree", "add", "-q", "--no-checkout", "-b", "milestone/M001",
        worktree.toString(), "main");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      boolean checkedOut = git.addWorktree(worktree, "milestone/M001", "main");

      assertTrue(checkedOut);
      assertEquals("hello\n", Files.readString(worktree.resolve("README.md")));
      assertEquals(Set.of(), git.uncommittedPaths(worktree));
      assertEquals(2, git.listWorktrees().size());
    }
  }

  @Test
  void addKeepsUntrackedFileInWayOfCheckout() throws Exception {
    repo.git("worktree", "add", "-q", "--no-checkout", "-b", "milestone/M001",
        worktree.toString(), "main");
    Files.writeString(worktree.resolve("README.md"), "mine\n");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException e = assertThrows(GitException.class,
          () -> git.addWorktree(worktree, "milestone/M001", "main"));

      assertTrue(e.getMessage().contains("README.md"), e.getMessage());
      assertEquals("mine\n", Files.readString(worktree.resolve("README.md")));
    }
  }

  @Test
  void addsManyWorktreesAtOnce() throws Exception {
    repo.write("src/a.txt", "a\n").write("src/b/c.txt", "c\n").commitAll("More files");
    int count = 6;
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      CountDownLatch ready = new CountDownLatch(count);
      List<Future<Boolean>> adds = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Path folder = repo.root.resolve(".sf/worktrees/M00" + i);
        String branch = "milestone/M00" + i;
        adds.add(pool.submit(() -> {
          ready.countDown();
          ready.await();
          return git.addWorktree(folder, branch, "main");
        }));
      }
      for (Future<Boolean> add : adds) {
        assertTrue(add.get(60, TimeUnit.SECONDS));
      }

      assertEquals(count + 1, git.listWorktrees().size());
      for (int i = 0; i < count; i++) {
        Path folder = repo.root.resolve(".sf/worktrees/M00" + i);
        assertEquals("c\n", Files.readString(folder.resolve("src/b/c.txt")));
        assertEquals(Set.of(), git.uncommittedPaths(folder));
        assertEquals("milestone/M00" + i,
            TestRepo.gitIn(folder, "rev-parse", "--abbrev-ref", "HEAD").strip());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void addRunsPostCheckoutHookInNewWorktree() throws Exception {
    Path seen = dir.resolve("hook-seen.txt");
    hook("#!/bin/sh\necho \"$(pwd) $*\" > '" + seen + "'\ntest -f README.md\n");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");

      String expected = worktree.toRealPath() + " " + "0".repeat(40) + " " + repo.head("main")
          + " 1\n";
      assertEquals(expected, Files.readString(seen));

      Files.delete(seen);
      git.addWorktree(worktree, "milestone/M001", "main");
      assertFalse(Files.exists(seen), "a reused worktree runs no hook");
    }
  }

  @Test
  void failingHookRemovesCleanWorktree() throws Exception {
    hook("#!/bin/sh\necho lfs is missing >&2\nexit 3\n");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException e = assertThrows(GitException.class,
          () -> git.addWorktree(worktree, "milestone/M001", "main"));

      assertTrue(e.getMessage().contains("post-checkout hook failed"), e.getMessage());
      assertTrue(e.getMessage().contains("lfs is missing"), e.getMessage());
      assertTrue(e.getMessage().contains("was removed"), e.getMessage());
      assertFalse(Files.exists(worktree));
      assertEquals(1, git.listWorktrees().size());
      assertTrue(git.branchHead("milestone/M001").isPresent());
    }
  }

  @Test
  void failingHookKeepsWorktreeWithNewFiles() throws Exception {
    hook("#!/bin/sh\necho generated > generated.txt\nexit 1\n");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException e = assertThrows(GitException.class,
          () -> git.addWorktree(worktree, "milestone/M001", "main"));

      assertTrue(e.getMessage().contains("was kept"), e.getMessage());
      assertEquals("generated\n", Files.readString(worktree.resolve("generated.txt")));
      assertEquals(2, git.listWorktrees().size());
    }
  }

  private void hook(String script) throws Exception {
    Path hook = repo.root.resolve(".git/hooks/post-checkout");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, script);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
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
