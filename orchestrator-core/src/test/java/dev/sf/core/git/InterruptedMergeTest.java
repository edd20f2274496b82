package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.errors.GitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge whose process died after moving the integration branch but before updating the
 * project's files: the branch is at the merge commit while the files and index are still the
 * old ones. This is made here with plumbing commands, as such a process would leave it.
 */
class InterruptedMergeTest {
  @TempDir
  Path temp;

  private TestRepo repo;
  private String oldHead;
  private String merged;

  @BeforeEach
  void leaveMergeHalfDone() {
    repo = TestRepo.create(temp.resolve("project"));
    repo.write("keep.txt", "old\n").write("gone.txt", "bye\n").commitAll("Base");
    oldHead = repo.git("rev-parse", "HEAD").strip();
    repo.git("checkout", "-q", "-b", "work");
    repo.write("keep.txt", "new\n").write("added.txt", "added\n");
    repo.git("rm", "-q", "gone.txt");
    repo.commitAll("Work");
    merged = repo.git("rev-parse", "HEAD").strip();
    repo.git("checkout", "-q", "main");
    repo.git("update-ref", "refs/heads/main", merged, oldHead);
    repo.write(".git/sf-merge-journal", "main\n" + oldHead + "\n" + merged + "\n");
  }

  @Test
  void finishesFilesOfMovedBranch() throws Exception {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      Optional<String> done = git.finishInterruptedMerge();

      assertTrue(done.isPresent());
    }
    assertEquals("new\n", Files.readString(repo.root.resolve("keep.txt")));
    assertEquals("added\n", Files.readString(repo.root.resolve("added.txt")));
    assertFalse(Files.exists(repo.root.resolve("gone.txt")));
    assertEquals("", repo.git("status", "--porcelain"));
    assertFalse(Files.exists(repo.root.resolve(".git/sf-merge-journal")));
  }

  @Test
  void removesTemporaryFileOfKilledWrite() throws Exception {
    repo.write(".keep.txt.sf-merge.tmp", "ne");
    repo.write(".added.txt.sf-merge.tmp", "");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }

    assertEquals("new\n", Files.readString(repo.root.resolve("keep.txt")));
    assertFalse(Files.exists(repo.root.resolve(".keep.txt.sf-merge.tmp")));
    assertFalse(Files.exists(repo.root.resolve(".added.txt.sf-merge.tmp")));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void refusesFileWithOtherContent() throws Exception {
    repo.write("keep.txt", "edited by the user\n");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException error = assertThrows(GitException.class, git::finishInterruptedMerge);

      assertTrue(error.getMessage().contains("keep.txt"), error.getMessage());
    }
    assertEquals("edited by the user\n", Files.readString(repo.root.resolve("keep.txt")));
  }

  @Test
  void forgetsJournalWhenBranchNeverMoved() throws Exception {
    repo.git("update-ref", "refs/heads/main", oldHead, merged);

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }
    assertEquals("old\n", Files.readString(repo.root.resolve("keep.txt")));
    assertFalse(Files.exists(repo.root.resolve(".git/sf-merge-journal")));
  }
}
