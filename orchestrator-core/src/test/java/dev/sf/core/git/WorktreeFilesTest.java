package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying ignored and untracked files into a new worktree. */
class WorktreeFilesTest {

  @TempDir Path dir;

  @Test
  void copiesMatchingFilesAndSkipsUnsafeOnes() throws Exception {
    TestRepo repo = TestRepo.create(dir.resolve("project"));
    repo.write(".gitignore", ".env\nconfig/local/\n.sf/worktrees/\n")
        .write("config/tracked.yaml", "tracked: main\n").commitAll("Ignore");
    Path outside = Files.writeString(dir.resolve("secret.txt"), "outside\n");
    repo.write(".env", "TOKEN=1\n")
        .write("config/local/db.yaml", "db: local\n")
        .write("config/local/nested/extra.yaml", "x: 1\n")
        .link("config/local/escape", outside.toString())
        .link("config/local/up", "../../../secret.txt")
        .link("config/local/inside", "db.yaml")
        .write("config/tracked.yaml", "tracked: edited in root\n");
    Path worktree = repo.root.resolve(".sf/worktrees/M001");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");
    }
    repo.write(".sf/worktrees/M001/.env.sample", "not a source\n");

    WorktreeFiles.CopyResult result = WorktreeFiles.copyInto(repo.root, worktree,
        List.of(".env", "config/local/**", "config/*.yaml", "*.missing"));

    assertEquals(List.of(".env", "config/local/db.yaml", "config/local/inside",
        "config/local/nested/extra.yaml"), result.copied().stream().sorted().toList());
    assertEquals("TOKEN=1\n", Files.readString(worktree.resolve(".env")));
    assertTrue(Files.isSymbolicLink(worktree.resolve("config/local/inside")));
    assertEquals(Path.of("db.yaml"), Files.readSymbolicLink(worktree.resolve(
        "config/local/inside")));
    assertFalse(Files.exists(worktree.resolve("config/local/escape"),
        java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(worktree.resolve("config/local/up"),
        java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("tracked: main\n", Files.readString(worktree.resolve("config/tracked.yaml")));
    assertTrue(result.warnings().stream().anyMatch(w -> w.contains("'config/local/escape'")),
        result.warnings().toString());
    assertTrue(result.warnings().stream().anyMatch(w -> w.contains("'config/local/up'")),
        result.warnings().toString());
    assertTrue(result.warnings().stream().anyMatch(w -> w.contains("'*.missing'")),
        result.warnings().toString());
  }

  @Test
  void neverOverwritesExistingWorktreeFile() throws Exception {
    TestRepo repo = TestRepo.create(dir.resolve("project"));
    repo.write(".gitignore", ".env\n.sf/\n").commitAll("Ignore");
    repo.write(".env", "ROOT=1\n");
    Path worktree = repo.root.resolve(".sf/worktrees/M001");
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      git.addWorktree(worktree, "milestone/M001", "main");
    }
    Files.writeString(worktree.resolve(".env"), "WORKER=1\n");

    WorktreeFiles.CopyResult result =
        WorktreeFiles.copyInto(repo.root, worktree, List.of(".env"));

    assertEquals(List.of(), result.copied());
    assertEquals("WORKER=1\n", Files.readString(worktree.resolve(".env")));
    assertTrue(result.warnings().get(0).contains("already exists"), result.warnings().get(0));
  }
}
