package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.model.MergeStyle;
import dev.sf.errors.GitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge into a branch whose ref lock file a killed process left behind: it fails with a
 * message naming the file, changes nothing, and succeeds once the lock is cleared.
 */
class BranchLockTest {
  @TempDir
  Path temp;

  @Test
  void staleBranchLockBlocksMergeUntilRemoved() throws Exception {
    TestRepo repo = TestRepo.create(temp.resolve("project"));
    repo.write("a.txt", "base\n").commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.write("b.txt", "work\n").commitAll("Work");
    repo.git("checkout", "-q", "main");
    String mainBefore = repo.head("refs/heads/main");
    Path lock = repo.root.resolve(".git/refs/heads/main.lock");
    Files.writeString(lock, mainBefore + "\n");

    GitException failure;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      failure = assertThrows(GitException.class, () -> git.merge(request()));
    }

    assertTrue(failure.getMessage().contains(lock.toString()), failure.getMessage());
    assertTrue(failure.getMessage().contains("merge again"), failure.getMessage());
    assertEquals(mainBefore, repo.head("refs/heads/main"));
    assertFalse(Files.exists(repo.root.resolve("b.txt")));
    assertEquals("", repo.git("status", "--porcelain"));

    assertEquals(List.of(lock), StaleGitLocks.removeAbandoned(repo.root));
    MergeOutcome outcome;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      outcome = git.merge(request());
    }

    assertInstanceOf(MergeOutcome.Merged.class, outcome, outcome.toString());
    assertEquals("work\n", Files.readString(repo.root.resolve("b.txt")));
  }

  private static MergeRequest request() {
    return new MergeRequest("M001", "milestone/M001", "main", MergeStyle.SQUASH, "Merge M001",
        Optional.empty());
  }
}
