package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sf.core.model.MergeStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renames followed by the merge: git's settings, merge commits and conflict predictions. */
class RenamesTest {
  private static final String LINES =
      "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\n";

  @TempDir Path dir;

  /**
   * Returns a repository whose base commit has a.txt, with one commit made by {@code branch} on
   * milestone/M001 and one made by {@code main} on main, which is checked out.
   */
  private TestRepo diverged(Consumer<TestRepo> branch, Consumer<TestRepo> main) {
    return diverged(r -> r.write("a.txt", LINES), branch, main);
  }

  /** Returns a repository like {@link #diverged(Consumer, Consumer)} on the given base. */
  private TestRepo diverged(Consumer<TestRepo> base, Consumer<TestRepo> branch,
      Consumer<TestRepo> main) {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    base.accept(repo);
    repo.commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    branch.accept(repo);
    repo.commitAll("Branch work");
    repo.git("checkout", "-q", "main");
    main.accept(repo);
    repo.commitAll("Main work");
    return repo;
  }

  /** A repository where the milestone branch renamed a.txt and main changed it in place. */
  private TestRepo renamedOnBranch() {
    return diverged(r -> r.git("mv", "a.txt", "b.txt"),
        r -> r.write("a.txt", LINES.replace("line 5\n", "main 5\n")));
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
    TestRepo repo = diverged(
        r -> r.delete("a.txt").write("b.txt", "line 1\nsomething\nelse\nentirely\n"),
        r -> r.write("a.txt", LINES.replace("line 5\n", "main 5\n")));

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertEquals(new MergeOutcome.Conflict(List.of("a.txt")), outcome);
  }

  @Test
  void renameToTwoPathsConflicts() {
    TestRepo repo = diverged(r -> r.git("mv", "a.txt", "b.txt"),
        r -> r.git("mv", "a.txt", "c.txt"));
    String before = repo.head("main");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertEquals(new MergeOutcome.Conflict(List.of("b.txt", "c.txt")), outcome);
    assertEquals(before, repo.head("main"));
    assertEquals(LINES, repo.read("c.txt"));
    assertFalse(Files.exists(repo.root.resolve("b.txt")));
  }

  @Test
  void sameRenameOnBothSidesMergesEdits() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("a.txt", LINES).commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.delete("a.txt").write("d/b.txt", LINES.replace("line 1\n", "branch 1\n"));
    repo.commitAll("Move a.txt to d/b.txt and change line 1");
    repo.git("checkout", "-q", "main");
    repo.delete("a.txt").write("d/b.txt", LINES.replace("line 9\n", "main 9\n"));
    repo.commitAll("Move a.txt to d/b.txt and change line 9");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(LINES.replace("line 1\n", "branch 1\n").replace("line 9\n", "main 9\n"),
        repo.read("d/b.txt"));
    assertFalse(Files.exists(repo.root.resolve("a.txt")));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void renameAgainstDeleteConflicts() {
    TestRepo repo = diverged(r -> r.git("mv", "a.txt", "b.txt"), r -> r.delete("a.txt"));
    String before = repo.head("main");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertEquals(new MergeOutcome.Conflict(List.of("b.txt")), outcome);
    assertEquals(before, repo.head("main"));
    assertFalse(Files.exists(repo.root.resolve("b.txt")));
  }

  @Test
  void deleteAgainstRenameConflicts() {
    TestRepo repo = diverged(r -> r.delete("a.txt"), r -> r.git("mv", "a.txt", "b.txt"));

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertEquals(new MergeOutcome.Conflict(List.of("b.txt")), outcome);
  }

  @Test
  void emptyFilesAreNoRenames() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("pkg/__init__.py", "").write("a.txt", LINES).commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.delete("pkg").write("lib/__init__.py", "").commitAll("Move the package");
    repo.git("checkout", "-q", "main");
    repo.delete("pkg").write("a.txt", LINES + "10\n").commitAll("Drop the package");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals("", repo.read("lib/__init__.py"));
    assertFalse(Files.exists(repo.root.resolve("pkg")));
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

  @Test
  void renameIntoFolderOfSameName() {
    TestRepo repo = diverged(r -> r.write("a", LINES), r -> r.delete("a").write("a/a", LINES),
        r -> r.write("a", LINES.replace("line 5\n", "main 5\n")));

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(LINES.replace("line 5\n", "main 5\n"), repo.read("a/a"));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void renameOverTheFolderItLeaves() {
    TestRepo repo = diverged(r -> r.write("a/a", LINES), r -> r.delete("a/a").write("a", LINES),
        r -> r.write("a/a", LINES.replace("line 5\n", "main 5\n")));

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(LINES.replace("line 5\n", "main 5\n"), repo.read("a"));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void linkRenameAgainstTypeChangeConflicts() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("target.txt", "target\n").link("alias", "target.txt").commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.git("mv", "alias", "renamed-alias");
    repo.commitAll("Rename the link");
    repo.git("checkout", "-q", "main");
    repo.delete("alias").write("alias", "a file now\n").commitAll("Make alias a file");
    String before = repo.head("main");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    // Git takes a link turned into a file as a delete and an add, so it does not move main's
    // new file to the link's new path: the link's rename conflicts with its deletion.
    assertEquals(new MergeOutcome.Conflict(List.of("alias")), outcome);
    assertEquals(before, repo.head("main"));
    assertEquals("a file now\n", repo.read("alias"));
  }

  @Test
  void renameAmongManyFilesFollowed() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    int count = 450;
    for (int i = 0; i < count; i++) {
      repo.write("src/f" + i + ".txt", fileLines(i, "line 1"));
    }
    repo.commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.git("rm", "-q", "-r", "src");
    for (int i = 0; i < count; i++) {
      repo.write("lib/f" + i + ".txt", fileLines(i, "moved 1"));
    }
    repo.commitAll("Move every file to lib/ and change its first line");
    repo.git("checkout", "-q", "main");
    repo.write("src/f7.txt", fileLines(7, "line 1").replace("7 line 8", "7 main 8"))
        .commitAll("Change src/f7.txt");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH);

    // Only src/f7.txt, which main changed, is compared with the 450 added files. JGit's default
    // limit of 400 added files would otherwise skip the comparison, and git merges this case.
    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals(fileLines(7, "moved 1").replace("7 line 8", "7 main 8"),
        repo.read("lib/f7.txt"));
    assertFalse(Files.exists(repo.root.resolve("src")));
  }

  private static String fileLines(int file, String first) {
    StringBuilder lines = new StringBuilder("file " + file + " " + first + "\n");
    for (int line = 2; line <= 8; line++) {
      lines.append("file ").append(file).append(" line ").append(line).append('\n');
    }
    return lines.toString();
  }
}
