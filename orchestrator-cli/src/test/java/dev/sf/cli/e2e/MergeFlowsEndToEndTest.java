package dev.sf.cli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sf.cli.e2e.E2eProject.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the merge flows end to end through the CLI in this JVM: real repositories, shell workers
 * that commit their slices and speak sf-events, and real merges into {@code main}.
 */
class MergeFlowsEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * The worker script. It reads the shell variables SLICES, GATE, SHARED and DIRTY from {@code
   * CTL/ID.conf} and commits one file per slice, reporting each slice done. With GATE set, it
   * waits for {@code CTL/ID-SLICE.go} after each slice. At the end it commits a final file (and
   * {@code shared.txt} containing SHARED, when set), modifies README.md without committing it
   * when DIRTY is set, and reports its cost and completion.
   */
  private static final String WORKER = """
      #!/bin/sh
      set -e
      id=$1
      ctl=$2
      SLICES=""; GATE=""; SHARED=""; DIRTY=""
      if [ -f "$ctl/$id.conf" ]; then . "$ctl/$id.conf"; fi
      mkdir -p work
      for s in $SLICES; do
        echo "$id $s" > "work/$id-$s.txt"
        git add work
        git commit -q -m "$id: slice $s"
        echo "{\\"sf\\":\\"slice\\",\\"id\\":\\"$s\\",\\"state\\":\\"done\\"}"
        if [ -n "$GATE" ]; then
          while [ ! -f "$ctl/$id-$s.go" ]; do sleep 0.05; done
        fi
      done
      echo "$id done" > "work/$id-final.txt"
      if [ -n "$SHARED" ]; then echo "$SHARED" > shared.txt; fi
      git add -A work
      if [ -n "$SHARED" ]; then git add shared.txt; fi
      git commit -q -m "$id: finish"
      if [ -n "$DIRTY" ]; then echo "scratch" >> README.md; fi
      echo '{"sf":"cost","total_usd":0.10}'
      echo '{"sf":"complete"}'
      """;

  @TempDir Path folder;
  private Path control;
  private CompletableFuture<Result> background;

  private E2eProject project(String parallel) throws Exception {
    control = Files.createDirectories(folder.resolve("control"));
    Path worker = folder.resolve("worker.sh");
    Files.writeString(worker, WORKER);
    String preferences = """
        parallel:
          enabled: true
        %s
        worker:
          preset: sf-events
          command: [sh, "%s", "{milestone}", "%s"]
          stop_grace_seconds: 2
        """.formatted(parallel.indent(2).stripTrailing(), worker, control);
    return E2eProject.create(folder.resolve("project"), preferences);
  }

  private void configure(String id, String conf) throws Exception {
    Files.writeString(control.resolve(id + ".conf"), conf);
  }

  private void open(String id, String slice) throws Exception {
    Files.writeString(control.resolve(id + "-" + slice + ".go"), "");
  }

  private CompletableFuture<Result> startInBackground(E2eProject project) {
    background = CompletableFuture.supplyAsync(() -> project.sf("parallel", "start", "--yes"));
    return background;
  }

  /** Opens every gate after a failed test, so that its worker and run end before cleanup. */
  @AfterEach
  void releaseWorkers() throws Exception {
    if (background == null || background.isDone()) {
      return;
    }
    for (String id : List.of("M001", "M002")) {
      for (String slice : List.of("S01", "S02", "S03")) {
        open(id, slice);
      }
    }
    background.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static boolean onMain(E2eProject project, String path) throws Exception {
    return project.refExists("main:" + path);
  }

  private static Result finish(CompletableFuture<Result> run) throws Exception {
    return run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"squash", "merge"})
  void perSliceMergesWhileWorking(String style) throws Exception {
    E2eProject project = project("""
        max_workers: 1
        merge_strategy: per-slice
        merge_style: %s
        auto_merge: auto
        """.formatted(style));
    project.milestone("M001", "Sliced work", List.of(), List.of("S01", "S02", "S03"));
    project.commitAll("Start the project");
    configure("M001", "SLICES='S01 S02 S03'\nGATE=1\n");

    CompletableFuture<Result> run = startInBackground(project);

    await().atMost(WAIT).until(() -> onMain(project, "work/M001-S01.txt"));
    assertFalse(onMain(project, "work/M001-S02.txt"), "slice 2 has not started yet");
    // The branch moves first, then the project's working tree is checked out to match it.
    await().atMost(WAIT).until(() -> Files.exists(project.root.resolve("work/M001-S01.txt")));
    open("M001", "S01");
    await().atMost(WAIT).until(() -> onMain(project, "work/M001-S02.txt"));
    assertFalse(onMain(project, "work/M001-S03.txt"), "slice 3 has not started yet");
    open("M001", "S02");
    await().atMost(WAIT).until(() -> onMain(project, "work/M001-S03.txt"));
    open("M001", "S03");
    Result result = finish(run);

    assertEquals(0, result.exitCode(), result::both);
    assertEquals("merged", project.statusOf("M001").path("state").asText());
    assertTrue(onMain(project, "work/M001-final.txt"));
    String status = project.git("show", "main:.sf/milestones/M001/status.yaml");
    assertTrue(status.contains("completed"), status);
    List<String> merges = project.git("log", "--first-parent", "--format=%P", "main").lines()
        .toList();
    // Three slice merges and the final merge, on top of the initial commit.
    assertEquals(5, merges.size(), () -> project.gitQuiet("log", "--graph", "--oneline", "main"));
    int parents = style.equals("merge") ? 2 : 1;
    for (String line : merges.subList(0, 4)) {
      assertEquals(parents, line.split(" ").length, "parents of a merge commit: " + line);
    }
    assertEquals(List.of(), project.linkedWorktrees());
    assertFalse(project.refExists("refs/heads/milestone/M001"));
  }

  @Test
  void manualMergeContinuesPastConflict() throws Exception {
    E2eProject project = project("""
        max_workers: 3
        auto_merge: manual
        """);
    project.milestone("M001", "First", List.of(), List.of());
    project.milestone("M002", "Second", List.of(), List.of());
    project.milestone("M003", "Third", List.of(), List.of());
    project.commitAll("Start the project");
    configure("M001", "SHARED=first\n");
    configure("M002", "SHARED=second\n");
    String before = project.git("rev-parse", "main");

    Result run = project.sf("parallel", "start", "--yes");

    assertEquals(0, run.exitCode(), run::both);
    assertEquals(before, project.git("rev-parse", "main"), "manual merge leaves main alone");
    for (String id : List.of("M001", "M002", "M003")) {
      assertEquals("completed", project.statusOf(id).path("state").asText(), id);
    }

    Result merge = project.sf("parallel", "merge");

    assertEquals(1, merge.exitCode(), merge::both);
    String report = merge.out() + merge.err();
    assertTrue(report.contains("M001: merged into main"), report);
    assertTrue(report.contains("M002: conflict in shared.txt"), report);
    assertTrue(report.contains("M003: merged into main"), report);
    assertEquals("conflict", project.statusOf("M002").path("state").asText());
    assertEquals("first\n", project.git("show", "main:shared.txt"));
    assertTrue(onMain(project, "work/M003-final.txt"));
    assertFalse(onMain(project, "work/M002-final.txt"));
    JsonNode queue = project.sf("queue", "--json").json();
    for (JsonNode entry : queue.path("entries")) {
      if (entry.path("id").asText().equals("M002")) {
        assertFalse(entry.path("verdict").asText().equalsIgnoreCase("eligible"),
            entry::toString);
      }
    }
    Result again = project.sf("parallel", "merge");
    assertEquals(1, again.exitCode(), again::both);
    assertEquals("conflict", project.statusOf("M002").path("state").asText());

    Path worktree = project.root.resolve(".sf/worktrees/M002");
    mergeMainAndResolve(worktree);
    Result retry = project.sf("parallel", "merge", "M002");

    assertEquals(0, retry.exitCode(), retry::both);
    assertEquals("merged", project.statusOf("M002").path("state").asText());
    assertEquals("first and second\n", project.git("show", "main:shared.txt"));
    assertFalse(Files.exists(worktree), "the worktree of a merged milestone is removed");
    assertFalse(project.refExists("refs/heads/milestone/M002"));
    assertEquals(List.of(), project.linkedWorktrees());
  }

  private static void mergeMainAndResolve(Path worktree) throws Exception {
    Process merge = new ProcessBuilder("git", "-C", worktree.toString(), "merge", "-q", "main")
        .redirectErrorStream(true).start();
    merge.getInputStream().readAllBytes();
    assertTrue(merge.waitFor(30, TimeUnit.SECONDS));
    assertEquals(1, merge.exitValue(), "merging main into the branch conflicts");
    Files.writeString(worktree.resolve("shared.txt"), "first and second\n");
    E2eProject.gitIn(worktree, "add", "shared.txt");
    E2eProject.gitIn(worktree, "commit", "-q", "--no-edit");
  }

  @Test
  void worktreeWithUncommittedChangesIsKept() throws Exception {
    E2eProject project = project("""
        max_workers: 2
        auto_merge: auto
        """);
    project.milestone("M001", "Clean", List.of(), List.of());
    project.milestone("M002", "Leaves a change", List.of(), List.of());
    project.commitAll("Start the project");
    configure("M002", "DIRTY=1\n");

    Result run = project.sf("parallel", "start", "--yes");

    assertEquals(0, run.exitCode(), run::both);
    assertTrue(onMain(project, "work/M001-final.txt"));
    assertTrue(onMain(project, "work/M002-final.txt"));
    assertFalse(Files.exists(project.root.resolve(".sf/worktrees/M001")));
    assertFalse(project.refExists("refs/heads/milestone/M001"));
    Path kept = project.root.resolve(".sf/worktrees/M002");
    assertTrue(Files.readString(kept.resolve("README.md")).endsWith("scratch\n"),
        "the uncommitted change is still there");
    JsonNode status = project.statusOf("M002");
    assertEquals("merged", status.path("state").asText(), status::toString);
    assertTrue(status.path("reason").asText().contains("kept because it has uncommitted"),
        status::toString);
    assertTrue(run.out().contains("uncommitted"), run::both);
  }

  @Test
  void integrationBranchMovingDuringRunMergesThreeWay() throws Exception {
    E2eProject project = project("""
        max_workers: 2
        auto_merge: auto
        """);
    project.milestone("M001", "Gated", List.of(), List.of("S01"));
    project.milestone("M002", "Gated too", List.of(), List.of("S01"));
    project.commitAll("Start the project");
    configure("M001", "SLICES=S01\nGATE=1\n");
    configure("M002", "SLICES=S01\nGATE=1\n");

    CompletableFuture<Result> run = startInBackground(project);

    await().atMost(WAIT).until(() -> Files.exists(
        project.root.resolve(".sf/worktrees/M002/work/M002-S01.txt")));
    project.write("notes/user.txt", "written on main during the run\n");
    project.write("README.md", "# Test project\n\nChanged on main.\n");
    project.commitAll("Work on main while the workers run");
    open("M001", "S01");
    open("M002", "S01");
    Result result = finish(run);

    assertEquals(0, result.exitCode(), result::both);
    for (String path : List.of("notes/user.txt", "work/M001-final.txt", "work/M002-final.txt",
        "work/M001-S01.txt", "work/M002-S01.txt")) {
      assertTrue(onMain(project, path), path + " is on main");
    }
    assertEquals("# Test project\n\nChanged on main.\n", project.git("show", "main:README.md"));
    assertEquals("merged", project.statusOf("M001").path("state").asText());
    assertEquals("merged", project.statusOf("M002").path("state").asText());
  }

  @Test
  void dirtyRootRefusesMergeAndKeepsUserChange() throws Exception {
    E2eProject project = project("""
        max_workers: 1
        auto_merge: manual
        """);
    project.milestone("M001", "Waits", List.of(), List.of());
    project.commitAll("Start the project");
    Result run = project.sf("parallel", "start", "--yes");
    assertEquals(0, run.exitCode(), run::both);
    byte[] mine = "# Test project\r\nmy edit, not committed \u00e9\n".getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    Files.write(project.root.resolve("README.md"), mine);
    String before = project.git("rev-parse", "main");

    Result merge = project.sf("parallel", "merge");

    assertEquals(1, merge.exitCode(), merge::both);
    assertTrue((merge.out() + merge.err()).contains("README.md"), merge::both);
    assertEquals("completed", project.statusOf("M001").path("state").asText());
    assertArrayEquals(mine, Files.readAllBytes(project.root.resolve("README.md")));
    assertEquals(before, project.git("rev-parse", "main"));
    assertEquals("", project.git("stash", "list"));
    assertEquals(" M README.md\n", project.git("status", "--porcelain"));
    assertTrue(Files.isDirectory(project.root.resolve(".sf/worktrees/M001")));
  }
}
