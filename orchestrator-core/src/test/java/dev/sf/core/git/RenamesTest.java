package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sf.core.model.MergeStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renames followed by the merge: git's settings, merge commits and conflict predictions. */
class RenamesTest {
  private static final String LINES =
      "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\n";

  @TempDir Path dir;

  /** A repository where the milestone branch renamed a.txt and main changed it in place. */
  private TestRepo renamedOnBranch() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("a.txt", LINES).commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.git("mv", "a.txt", "b.txt");
    repo.commitAll("Rename a.txt");
    repo.git("checkout", "-q", "main");
    repo.write("a.txt", LINES.replace("line 5\n", "main 5\n")).commitAll("Change a.txt");
    return repo;
  }

  private static MergeOutcome merge(TestRepo repo, MergeStyle style) {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      return git.merge(new MergeRequest("M001", "milestone/M001", "main", style, "Merge M001",
          Optional.empty()));
    }
  }

  @Test
  void mergeCommitFollowsRename() {
    TestRepo repo = renamedOnBranch();

    MergeOutcome outcome = merge(repo, MergeStyle.MERGE);

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(LINES.replace("line 5\n", "main 5\n"), repo.read("b.txt"));
    assertFalse(Files.exists(repo.root.resolve("a.txt")));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void mergeRenamesFalseKeepsConflict() {
    TestRepo repo = renamedOnBranch();
    repo.git("config", "merge.renames", "false");
    String before = repo.head("main");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertEquals(new MergeOutcome.Conflict(List.of("a.txt")), outcome);
    assertEquals(before, repo.head("main"));
  }

  @Test
  void diffRenamesFalseKeepsConflict() {
    TestRepo repo = renamedOnBranch();
    repo.git("config", "diff.renames", "false");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertEquals(new MergeOutcome.Conflict(List.of("a.txt")), outcome);
  }

  @Test
  void mergeRenamesTrueOverridesDiffSetting() {
    TestRepo repo = renamedOnBranch();
    repo.git("config", "diff.renames", "false");
    repo.git("config", "merge.renames", "true");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(LINES.replace("line 5\n", "main 5\n"), repo.read("b.txt"));
  }

  @Test
  void dissimilarAddIsNoRename() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("a.txt", LINES).commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.delete("a.txt").write("b.txt", "line 1\nsomething\nelse\nentirely\n");
    repo.commitAll("Replace a.txt");
    repo.git("checkout", "-q", "main");
    repo.write("a.txt", LINES.replace("line 5\n", "main 5\n")).commitAll("Change a.txt");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertEquals(new MergeOutcome.Conflict(List.of("a.txt")), outcome);
  }

  @Test
  void renameOnBothSidesKeepsBothPaths() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("a.txt", LINES).commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.git("mv", "a.txt", "b.txt");
    repo.commitAll("Rename a.txt to b.txt");
    repo.git("checkout", "-q", "main");
    repo.git("mv", "a.txt", "c.txt");
    repo.commitAll("Rename a.txt to c.txt");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(LINES, repo.read("b.txt"));
    assertEquals(LINES, repo.read("c.txt"));
    assertFalse(Files.exists(repo.root.resolve("a.txt")));
  }

  @Test
  void renameAgainstDeleteKeepsRenamedFile() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("a.txt", LINES).commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.git("mv", "a.txt", "b.txt");
    repo.commitAll("Rename a.txt");
    repo.git("checkout", "-q", "main");
    repo.delete("a.txt").commitAll("Delete a.txt");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(LINES, repo.read("b.txt"));
    assertFalse(Files.exists(repo.root.resolve("a.txt")));
  }

  @Test
  void predictionFollowsRenames() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("a.txt", LINES).commitAll("Base");
    repo.git("branch", "milestone/M002");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.git("mv", "a.txt", "b.txt");
    repo.commitAll("Rename a.txt");
    repo.git("checkout", "-q", "milestone/M002");
    repo.write("a.txt", LINES.replace("line 5\n", "M002 5\n")).commitAll("Change a.txt");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertEquals(List.of(), git.predictConflicts("milestone/M001", "milestone/M002"));
      assertEquals(List.of(), git.predictConflicts("milestone/M002", "milestone/M001"));
    }
  }
}
