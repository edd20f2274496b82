package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sf.core.model.MergeStyle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merges over a criss-cross history, where the branches have two best common ancestors. */
class MergeBasesTest {
  private static final String LINES = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";

  @TempDir Path dir;

  /**
   * Returns a repository where main and milestone/M001 merged each other's first commits, then
   * main changed line 1 again and the branch changed line 9 again. Over either common ancestor
   * alone the merge conflicts, while over both merged together it is clean.
   */
  private TestRepo crissCross() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("f.txt", LINES).commitAll("Base");
    repo.git("branch", "milestone/M001");
    repo.write("f.txt", LINES.replace("1\n", "1a\n")).commitAll("Main changes line 1");
    repo.git("checkout", "-q", "milestone/M001");
    String branchFirst =
        repo.write("f.txt", LINES.replace("9\n", "9b\n")).commitAll("Branch changes line 9");
    repo.git("merge", "-q", "--no-edit", "main");
    repo.write("f.txt", LINES.replace("1\n", "1a\n").replace("9\n", "9c\n"))
        .commitAll("Branch changes line 9 again");
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--no-edit", branchFirst);
    repo.write("f.txt", LINES.replace("1\n", "1m\n").replace("9\n", "9b\n"))
        .commitAll("Main changes line 1 again");
    return repo;
  }

  @Test
  void historyHasTwoMergeBases() {
    TestRepo repo = crissCross();

    assertEquals(2, repo.git("merge-base", "--all", "main", "milestone/M001").strip()
        .lines().count());
  }

  @Test
  void crissCrossMergesOverVirtualBase() {
    TestRepo repo = crissCross();

    MergeOutcome outcome;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      outcome = git.merge(new MergeRequest("M001", "milestone/M001", "main", MergeStyle.MERGE,
          "Merge M001", Optional.empty()));
    }

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(LINES.replace("1\n", "1m\n").replace("9\n", "9c\n"), repo.read("f.txt"));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void predictionUsesVirtualBase() {
    TestRepo repo = crissCross();

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertEquals(List.of(), git.predictConflicts("main", "milestone/M001"));
    }
  }
}
