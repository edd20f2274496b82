package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sf.core.doctor.ProjectFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir
  Path temp;

  @Test
  void cleanProjectExitsZero() {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 1, "0");

    CliProcesses.Result result = CliProcesses.run("-C", project.root().toString(), "doctor");

    assertEquals(0, result.exitCode(), result.err());
    assertEquals("No problems found.", result.out().strip());
  }

  @Test
  void problemsExitOneUntilFixed() {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 1, "0");
    project.write(".sf/worktrees/M009/notes.txt", "keep\n");
    Path empty = project.root().resolve(".sf/worktrees/M008");
    project.write(".sf/worktrees/M008/.git", "");
    String root = project.root().toString();

    CliProcesses.Result listed = CliProcesses.run("-C", root, "doctor");
    assertEquals(1, listed.exitCode());
    assertTrue(listed.out().contains("[problem] unknown-worktree-folder: .sf/worktrees/M008"),
        listed.out());
    assertTrue(listed.out().contains("--fix would: delete .sf/worktrees/M008"), listed.out());
    assertTrue(listed.out().contains("[kept] unknown-worktree-folder: .sf/worktrees/M009"),
        listed.out());

    CliProcesses.Result fixed = CliProcesses.run("-C", root, "doctor", "--fix");
    assertEquals(1, fixed.exitCode(), fixed.out());
    assertFalse(Files.exists(empty));
    assertTrue(Files.exists(project.root().resolve(".sf/worktrees/M009/notes.txt")));

    CliProcesses.Result forced = CliProcesses.run("-C", root, "doctor", "--fix", "--force");
    assertEquals(0, forced.exitCode(), forced.out());
    assertEquals(0, CliProcesses.run("-C", root, "doctor").exitCode());
  }

  @Test
  void jsonListsFindingsWithOutcome() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 1, "0");
    project.write(".sf/worktrees/M009/notes.txt", "keep\n");

    CliProcesses.Result result = CliProcesses.run("-C", project.root().toString(), "doctor",
        "--json");
    JsonNode finding = CliJson.mapper().readTree(result.out()).findValue("findings").get(0);

    assertEquals(1, result.exitCode());
    assertEquals("unknown-worktree-folder", finding.get("check").asText());
    assertEquals("NEEDS_FORCE", finding.get("outcome").asText());
  }

  @Test
  void mergeInProgressIsKeptWithoutForce() {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 1, "0");
    project.git("switch", "-q", "-c", "other");
    project.write("other.txt", "other\n").git("add", "other.txt");
    project.git("commit", "-q", "-m", "Other");
    project.git("switch", "-q", "main");
    project.git("merge", "-q", "--no-ff", "--no-commit", "other");
    String root = project.root().toString();

    CliProcesses.Result fixed = CliProcesses.run("-C", root, "doctor", "--fix");

    assertEquals(1, fixed.exitCode(), fixed.out());
    assertTrue(fixed.out().contains("[kept] merge-leftover: MERGE_HEAD"), fixed.out());
    assertTrue(fixed.out().contains("'git merge --continue'"), fixed.out());
    assertTrue(Files.exists(project.root().resolve(".git/MERGE_HEAD")));
  }

  @Test
  void forceWithoutFixIsUsageError() {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 1, "0");

    CliProcesses.Result result = CliProcesses.run("-C", project.root().toString(), "doctor",
        "--force");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--fix"), result.err());
  }
}
