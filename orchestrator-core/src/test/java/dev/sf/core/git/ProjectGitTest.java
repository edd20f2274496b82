package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.errors.GitException;
import dev.sf.errors.NotAProjectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, reading revisions, and the runtime excludes. */
class ProjectGitTest {

  @TempDir Path dir;

  @Test
  void openRejectsFolderOutsideRepository() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));

    NotAProjectException e =
        assertThrows(NotAProjectException.class, () -> ProjectGit.open(plain));

    assertTrue(e.getMessage().contains("not inside a git repository"), e.getMessage());
  }

  @Test
  void currentBranchRejectsDetachedHead() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.git("checkout", "-q", "--detach");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException e = assertThrows(GitException.class, git::currentBranch);

      assertTrue(e.getMessage().contains("detached"), e.getMessage());
    }
  }

  @Test
  void currentBranchRejectsUnbornBranch() {
    Path root = dir.resolve("empty");
    TestRepo.gitIn(dir, "init", "-q", "-b", "trunk", root.toString());
    try (ProjectGit git = ProjectGit.open(root)) {
      GitException e = assertThrows(GitException.class, git::currentBranch);

      assertTrue(e.getMessage().contains("'trunk' in"), e.getMessage());
    }
  }

  @Test
  void readsFilesAndChangesAtRevisions() {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    repo.write("src/a.txt", "a\n").commitAll("Add a");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.write("src/b.txt", "b\n").write("src/a.txt", "a2\n").commitAll("Branch");
    repo.git("checkout", "-q", "main");
    repo.write("main-only.txt", "m\n").commitAll("Main");
    try (ProjectGit git = ProjectGit.open(repo.root.resolve("src"))) {
      assertEquals(Optional.of("a2\n"), git.readFile("milestone/M001", "src/a.txt"));
      assertEquals(Optional.empty(), git.readFile("main", "src/b.txt"));
      assertEquals(Optional.empty(), git.readFile("main", "src"));
      assertEquals(List.of("README.md", "src/a.txt", "src/b.txt"),
          git.trackedFiles("milestone/M001"));
      assertEquals(Set.of("src/a.txt", "src/b.txt"),
          git.changedSinceMergeBase("milestone/M001", "main"));
      assertEquals("main", git.currentBranch());
      assertThrows(GitException.class, () -> git.readFile("no-such-branch", "x"));
    }
  }

  @Test
  void runtimeExcludesAreAddedOnce() throws Exception {
    TestRepo repo = TestRepo.create(dir.resolve("repo"));
    Path exclude = repo.root.resolve(".git/info/exclude");
    Files.writeString(exclude, "*.log");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.ensureRuntimeExcludes();
      String once = Files.readString(exclude);
      git.ensureRuntimeExcludes();

      assertEquals(once, Files.readString(exclude));
      assertTrue(once.startsWith("*.log\n"), once);
      for (String line : ProjectGit.RUNTIME_EXCLUDES) {
        assertTrue(once.lines().anyMatch(line::equals), line);
      }
      repo.write(".sf/worktrees/M001/x.txt", "x").write(".sf/parallel/run.json", "{}")
          .write(".sf/metrics.json", "{}").write("sub/.sf/metrics.json", "{}")
          .write(".sf/milestones/M001/MILESTONE.md", "plan");
      assertEquals(Set.of(".sf/milestones/M001/MILESTONE.md"), git.uncommittedPaths(repo.root));
    }
  }
}
