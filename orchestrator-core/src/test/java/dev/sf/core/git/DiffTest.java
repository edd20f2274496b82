package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diff stats of what a merge would bring, and conflict prediction between branches. */
class DiffTest {

  @TempDir Path dir;

  @Test
  void diffStatMatchesHandCount() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("a.txt", "1\n2\n3\n4\n").write("gone.txt", "x\ny\n")
        .writeBytes("b.bin", new byte[] {0, 1, 2}).commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    // a.txt: line 2 replaced (1 removed, 1 added) and one line appended (1 added).
    repo.write("a.txt", "1\nTWO\n3\n4\n5\n").write("new.txt", "n1\nn2\nn3\n")
        .writeBytes("b.bin", new byte[] {0, 9, 9}).delete("gone.txt").commitAll("Branch");
    repo.git("checkout", "-q", "main");
    repo.write("main.txt", "main\n").commitAll("Main moved");
    String before = repo.head("main");

    DiffSummary diff;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      diff = git.diff("milestone/M001", "main", true);
    }

    assertEquals(List.of(
        new DiffSummary.FileStat("a.txt", "modified", 2, 1, false),
        new DiffSummary.FileStat("b.bin", "modified", 0, 0, true),
        new DiffSummary.FileStat("gone.txt", "deleted", 0, 2, false),
        new DiffSummary.FileStat("new.txt", "added", 3, 0, false)), diff.files());
    assertEquals(List.of(), diff.conflicts());
    assertEquals(5, diff.linesAdded());
    assertEquals(3, diff.linesRemoved());
    assertTrue(diff.patch().contains("+TWO"), diff.patch());
    assertTrue(diff.patch().contains("diff --git a/gone.txt b/gone.txt"), diff.patch());
    assertEquals(before, repo.head("main"));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void diffListsPredictedConflict() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("a.txt", "base\n").commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.write("a.txt", "branch\n").write("extra.txt", "e\n").commitAll("Branch");
    repo.git("checkout", "-q", "main");
    repo.write("a.txt", "main\n").commitAll("Main");

    DiffSummary diff;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      diff = git.diff("milestone/M001", "main", false);
    }

    assertEquals(List.of("a.txt"), diff.conflicts());
    assertEquals(List.of(
        new DiffSummary.FileStat("a.txt", "modified", 1, 1, false),
        new DiffSummary.FileStat("extra.txt", "added", 1, 0, false)), diff.files());
    assertNull(diff.patch());
  }

  @Test
  void predictConflictsBetweenBranchesTouchesNothing() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("shared.txt", "base\n").write("x.txt", "x\n").commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.write("shared.txt", "one\n").commitAll("One");
    repo.git("checkout", "-q", "-b", "milestone/M002", "main");
    repo.write("shared.txt", "two\n").write("x.txt", "x2\n").commitAll("Two");
    repo.git("checkout", "-q", "-b", "milestone/M003", "main");
    repo.write("y.txt", "y\n").commitAll("Three");
    repo.git("checkout", "-q", "main");
    TestRepo.Snapshot before = repo.snapshot();

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertEquals(List.of("shared.txt"), git.predictConflicts("milestone/M001", "milestone/M002"));
      assertEquals(List.of(), git.predictConflicts("milestone/M001", "milestone/M003"));
    }
    assertEquals(before.files(), repo.snapshot().files());
    assertEquals(before.mainRef(), repo.head("main"));
  }
}
