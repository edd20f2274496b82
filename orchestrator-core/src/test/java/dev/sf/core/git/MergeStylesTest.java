package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sf.core.model.MergeStyle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated merges of one branch, merge commits, and merges into a branch not checked out. */
class MergeStylesTest {

  @TempDir Path dir;

  private MergeOutcome merge(TestRepo repo, MergeStyle style, Optional<String> previous) {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      return git.merge(new MergeRequest("M001", "milestone/M001", "main", style,
          "Merge slice", previous));
    }
  }

  private TestRepo repoWithBranch() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("app.txt", "line 1\nline 2\nline 3\n").commitAll("Base");
    repo.git("branch", "milestone/M001");
    return repo;
  }

  private String commitOnBranch(TestRepo repo, String path, String content) {
    repo.git("checkout", "-q", "milestone/M001");
    repo.write(path, content);
    String head = repo.commitAll("Slice");
    repo.git("checkout", "-q", "main");
    return head;
  }

  @Test
  void repeatedSquashUsesPreviousMergedAsBase() {
    TestRepo repo = repoWithBranch();
    String first = commitOnBranch(repo, "app.txt", "line 1\nslice one\nline 3\n");
    MergeOutcome one = merge(repo, MergeStyle.SQUASH, Optional.empty());
    assertInstanceOf(MergeOutcome.Merged.class, one);
    repo.write("user.txt", "user work\n").commitAll("User commit on main");
    commitOnBranch(repo, "app.txt", "line 1\nslice two\nline 3\n");

    MergeOutcome withoutBase = merge(repo, MergeStyle.SQUASH, Optional.empty());
    MergeOutcome two = merge(repo, MergeStyle.SQUASH, Optional.of(first));

    assertEquals(new MergeOutcome.Conflict(List.of("app.txt")), withoutBase);
    assertInstanceOf(MergeOutcome.Merged.class, two);
    assertEquals("line 1\nslice two\nline 3\n", repo.read("app.txt"));
    assertEquals("user work\n", repo.read("user.txt"));
    assertEquals(1, parents(repo, "main"));
  }

  @Test
  void mergeWritesNewObjectsAsOnePack() {
    TestRepo repo = repoWithBranch();
    repo.write("src/a/one.txt", "one\n").write("src/b/two.txt", "two\n").commitAll("Folders");
    repo.git("gc", "-q");
    repo.git("checkout", "-q", "milestone/M001");
    repo.git("merge", "-q", "main");
    repo.write("src/a/one.txt", "one on branch\n").write("app.txt", "line 1\nline 2\nline 3\nb\n");
    repo.commitAll("Branch work");
    repo.git("checkout", "-q", "main");
    repo.write("app.txt", "a\nline 1\nline 2\nline 3\n").commitAll("Main moved");
    repo.git("gc", "-q");
    String packsBefore = repo.git("count-objects", "-v");

    MergeOutcome outcome = merge(repo, MergeStyle.SQUASH, Optional.empty());

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    // The content merge of app.txt made a new blob, which the checkout read from the new pack.
    assertEquals("a\nline 1\nline 2\nline 3\nb\n", repo.read("app.txt"));
    assertEquals("one on branch\n", repo.read("src/a/one.txt"));
    assertEquals("", repo.git("status", "--porcelain"));
    assertEquals("", repo.git("fsck", "--strict", "--no-dangling").strip());
    String packsAfter = repo.git("count-objects", "-v");
    assertEquals(field(packsBefore, "count"), field(packsAfter, "count"), packsAfter);
    assertEquals(field(packsBefore, "packs") + 1, field(packsAfter, "packs"), packsAfter);
  }

  private static long field(String countObjects, String name) {
    return countObjects.lines().filter(line -> line.startsWith(name + ": "))
        .mapToLong(line -> Long.parseLong(line.substring(name.length() + 2).strip()))
        .findFirst().orElseThrow();
  }

  @Test
  void squashOfAlreadyMergedCommitIsNothingToMerge() {
    TestRepo repo = repoWithBranch();
    String first = commitOnBranch(repo, "app.txt", "changed\n");
    merge(repo, MergeStyle.SQUASH, Optional.empty());
    String main = repo.head("main");

    MergeOutcome again = merge(repo, MergeStyle.SQUASH, Optional.of(first));

    assertEquals(new MergeOutcome.NothingToMerge(first), again);
    assertEquals(main, repo.head("main"));
  }

  @Test
  void mergeStyleRecordsTwoParentsAndRepeats() {
    TestRepo repo = repoWithBranch();
    String first = commitOnBranch(repo, "app.txt", "line 1\nslice one\nline 3\n");
    repo.write("user.txt", "user\n").commitAll("User commit on main");

    MergeOutcome one = merge(repo, MergeStyle.MERGE, Optional.empty());
    commitOnBranch(repo, "app.txt", "line 1\nslice two\nline 3\n");
    MergeOutcome two = merge(repo, MergeStyle.MERGE, Optional.empty());

    MergeOutcome.Merged merged = assertInstanceOf(MergeOutcome.Merged.class, one);
    assertEquals(first, repo.head(merged.commit() + "^2"));
    assertInstanceOf(MergeOutcome.Merged.class, two);
    assertEquals(2, parents(repo, "main"));
    assertEquals("line 1\nslice two\nline 3\n", repo.read("app.txt"));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void mergeIntoBranchNotCheckedOutMovesOnlyTheRef() {
    TestRepo repo = repoWithBranch();
    repo.git("branch", "integration");
    commitOnBranch(repo, "feature.txt", "feature\n");
    TestRepo.Snapshot before = repo.snapshot();

    MergeOutcome outcome;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      outcome = git.merge(new MergeRequest("M001", "milestone/M001", "integration",
          MergeStyle.SQUASH, "Merge", Optional.empty()));
    }

    assertInstanceOf(MergeOutcome.Merged.class, outcome);
    assertEquals("feature\n", repo.git("show", "integration:feature.txt"));
    assertEquals(before.files(), repo.snapshot().files());
  }

  @Test
  void mergeRefusedWhenIntegrationBranchIsInLinkedWorktree() {
    TestRepo repo = repoWithBranch();
    repo.git("branch", "integration");
    repo.git("worktree", "add", "-q", dir.resolve("other").toString(), "integration");
    commitOnBranch(repo, "feature.txt", "feature\n");
    String before = repo.head("integration");

    MergeOutcome outcome;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      outcome = git.merge(new MergeRequest("M001", "milestone/M001", "integration",
          MergeStyle.SQUASH, "Merge", Optional.empty()));
    }

    assertInstanceOf(MergeOutcome.Refused.class, outcome);
    assertEquals(before, repo.head("integration"));
  }

  private static int parents(TestRepo repo, String revision) {
    return repo.git("rev-list", "--no-walk", "--parents", revision).strip().split(" ").length - 1;
  }
}
