package dev.sf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worktree.copy} and {@code worktree.setup}, from the preferences and from a milestone's
 * front matter, through full runs with real worker and setup processes.
 */
class WorktreePreparationTest {
  @TempDir Path temp;

  @Test
  void copiedEnvNeverCommitted() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp,
        "  auto_merge: auto\nworktree:\n  copy: [\".env\", \"secrets/*.key\"]\n")
        .milestone("M001", "")
        .write(".gitignore", ".env\n")
        .write("tools/M001.sh", String.join("\n",
            "cat .env > env-seen.txt",
            "git add -A",
            "git commit -q -m 'M001: record what the worker saw'",
            ""))
        .commitAll("Set up the project");
    project.write(".env", "TOKEN=local-secret\n");

    RunSummary summary = run(project, RunOptions.defaults());

    assertEquals(0, summary.exitCode());
    assertEquals("merged", summary.status().milestone("M001").orElseThrow().state());
    assertEquals("TOKEN=local-secret\n", project.read("env-seen.txt"));
    String everyCommittedPath = project.git("log", "--all", "--name-only", "--format=");
    assertFalse(everyCommittedPath.contains(".env\n"), everyCommittedPath);
    assertTrue(everyCommittedPath.contains(".sf/milestones/M001/status.yaml"),
        everyCommittedPath);
    String log = Files.readString(project.root.resolve(".sf/parallel/logs/M001.log"));
    assertTrue(log.contains("sf: warning: Copy pattern 'secrets/*.key' matched no file"), log);
  }

  @Test
  void milestoneOverrideReplacesCopyAndSetup() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp,
        "  auto_merge: manual\nworktree:\n  copy: [\".env\"]\n"
            + "  setup: [\"sh\", \"-c\", \"echo from preferences > setup-ran.txt\"]\n")
        .milestone("M001", "worktree:\n  copy: [\"local.cfg\"]\n"
            + "  setup: [\"sh\", \"-c\", \"echo from milestone > setup-ran.txt\"]\n"
            + "  setup_timeout_seconds: 30\n")
        .write(".gitignore", ".env\nlocal.cfg\nsetup-ran.txt\n")
        .commitAll("Set up the project");
    project.write(".env", "A=1\n").write("local.cfg", "B=2\n");

    RunSummary summary = run(project, RunOptions.defaults());

    assertEquals(0, summary.exitCode());
    Path worktree = project.root.resolve(".sf/worktrees/M001");
    assertTrue(Files.exists(worktree.resolve("local.cfg")));
    assertFalse(Files.exists(worktree.resolve(".env")));
    assertEquals("from milestone\n", Files.readString(worktree.resolve("setup-ran.txt")));
  }

  @Test
  void failingSetupFailsMilestoneWithItsOutput() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp,
        "  auto_merge: manual\nworktree:\n  setup: [\"sh\", \"tools/setup.sh\"]\n")
        .milestone("M001", "")
        .write("tools/setup.sh", "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line $i; done\n"
            + "echo npm ERR! missing package >&2\nexit 3\n")
        .write("tools/M001.sh", "touch worker-started.txt\n")
        .commitAll("Set up the project");

    RunSummary summary = run(project, RunOptions.defaults());

    assertEquals(1, summary.exitCode());
    MilestoneStatus row = summary.status().milestone("M001").orElseThrow();
    assertEquals("failed", row.state());
    assertTrue(row.reason().startsWith("setup failed: [sh, tools/setup.sh] exited with code 3"),
        row.reason());
    assertTrue(row.reason().contains("line 12\nnpm ERR! missing package"), row.reason());
    assertFalse(row.reason().contains("line 1\n"), "only the last lines: " + row.reason());
    assertFalse(Files.exists(project.root.resolve(".sf/worktrees/M001/worker-started.txt")));
    String log = Files.readString(project.root.resolve(".sf/parallel/logs/M001.log"));
    assertTrue(log.contains("line 1\n"), log);
  }

  @Test
  void setupPastTimeoutIsKilledAndFailsMilestone() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp,
        "  auto_merge: manual\nworktree:\n  setup: [\"sh\", \"tools/setup.sh\"]\n"
            + "  setup_timeout_seconds: 1\n")
        .milestone("M001", "")
        .write("tools/setup.sh", "echo installing\nsleep 97.25\necho never\n")
        .write("tools/M001.sh", "touch worker-started.txt\n")
        .commitAll("Set up the project");

    long started = System.nanoTime();
    RunSummary summary = run(project, RunOptions.defaults());
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

    assertTrue(seconds < 30, "the run took " + seconds + " s");
    MilestoneStatus row = summary.status().milestone("M001").orElseThrow();
    assertEquals("failed", row.state());
    assertTrue(row.reason().startsWith("setup failed: [sh, tools/setup.sh] timed out after 1 s"),
        row.reason());
    assertTrue(row.reason().contains("installing"), row.reason());
    assertFalse(Files.exists(project.root.resolve(".sf/worktrees/M001/worker-started.txt")));
    List<String> leftOver = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("sleep 97.25"))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .toList();
    assertEquals(List.of(), leftOver);
  }

  @Test
  void failedSetupRunsAgainOnNextStart() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp,
        "  auto_merge: manual\nworktree:\n  setup: [\"sh\", \"tools/setup.sh\"]\n")
        .milestone("M001", "")
        .write(".gitignore", "setup-runs.txt\n")
        .write("tools/setup.sh", "echo run >> ../../parallel/setup-runs.txt\n"
            + "test -f ../../parallel/network-back || exit 4\ntouch setup-runs.txt\n")
        .commitAll("Set up the project");

    RunSummary first = run(project, RunOptions.defaults());
    Files.writeString(project.root.resolve(".sf/parallel/network-back"), "");
    RunSummary second = run(project, RunOptions.defaults());

    assertEquals("failed", first.status().milestone("M001").orElseThrow().state());
    assertEquals("completed", second.status().milestone("M001").orElseThrow().state());
    assertEquals("run\nrun\n",
        Files.readString(project.root.resolve(".sf/parallel/setup-runs.txt")));
    assertTrue(Files.exists(project.root.resolve(".sf/worktrees/M001/setup-runs.txt")));
  }

  @Test
  void worktreeAddedWithoutFilesIsPrepared() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp,
        "  auto_merge: manual\nworktree:\n  copy: [\".env\"]\n"
            + "  setup: [\"sh\", \"-c\", \"echo done > setup-ran.txt\"]\n")
        .milestone("M001", "")
        .write(".gitignore", ".env\nsetup-ran.txt\n")
        .write("tools/M001.sh", "cp README.md seen-readme.txt\n")
        .commitAll("Set up the project");
    project.write(".env", "A=1\n");
    // What a start killed between registering the worktree and checking out its files leaves.
    project.git("worktree", "add", "-q", "--no-checkout", "-b", "milestone/M001",
        ".sf/worktrees/M001", "main");

    RunSummary summary = run(project, RunOptions.defaults());

    assertEquals(0, summary.exitCode());
    Path worktree = project.root.resolve(".sf/worktrees/M001");
    assertEquals(project.read("README.md"),
        Files.readString(worktree.resolve("seen-readme.txt")));
    assertEquals("A=1\n", Files.readString(worktree.resolve(".env")));
    assertEquals("done\n", Files.readString(worktree.resolve("setup-ran.txt")));
    assertEquals("?? seen-readme.txt\n",
        ProjectFixture.gitIn(worktree, "status", "--porcelain"));
  }

  private static RunSummary run(ProjectFixture project, RunOptions options) {
    try (SfProject sf = project.open(); Run run = sf.start(options)) {
      return run.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("The run did not finish: " + e, e);
    }
  }
}
