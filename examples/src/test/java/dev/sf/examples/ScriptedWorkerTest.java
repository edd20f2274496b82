package dev.sf.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo's scripted worker ({@code examples/sample-project/tools/scripted-worker.sh}) as a
 * real {@code sh} process in a linked worktree of a copy of the sample project, and checks the
 * sf-events it prints and the commits it makes.
 */
class ScriptedWorkerTest {

  private static final Path SAMPLE_PROJECT =
      Path.of(System.getProperty("basedir", ""), "sample-project").toAbsolutePath();
  private static final List<String> MILESTONES = List.of("M001", "M002", "M003", "M004");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @TempDir Path temp;

  /** Project root. Its folder name contains a space, so every path the worker uses has one. */
  private Path project;
  private String initialMain;

  @BeforeEach
  void copySampleProjectIntoRepository() throws Exception {
    project = temp.resolve("demo project");
    copyTree(SAMPLE_PROJECT, project);
    git(project, "init", "--quiet", "-b", "main");
    git(project, "add", "--all");
    git(project, "commit", "--quiet", "-m", "Import the sample project");
    // sf keeps its runtime folders out of git the same way.
    Files.writeString(project.resolve(".git/info/exclude"), ".sf/worktrees/\n.sf/parallel/\n");
    initialMain = git(project, "rev-parse", "main");
  }

  @Test
  void eventsFollowSliceOrder() throws Exception {
    WorkerRun run = runWorker(addWorktree("M001"), "M001", Map.of());

    assertEquals(0, run.exitCode(), run.stderr());
    List<String> sequence = new ArrayList<>();
    for (JsonNode event : run.events()) {
      String kind = event.path("sf").asText();
      if (kind.equals("slice")) {
        kind = event.get("id").asText() + " " + event.get("state").asText();
      }
      sequence.add(kind);
    }
    assertEquals(List.of(
        "S01 started", "progress", "progress", "cost", "S01 done",
        "S02 started", "progress", "progress", "cost", "S02 done",
        "S03 started", "progress", "progress", "cost", "S03 done",
        "complete"), sequence);
  }

  @Test
  void costDeltasAddUpPerSlice() throws Exception {
    WorkerRun run = runWorker(addWorktree("M001"), "M001", Map.of());

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(List.of(new BigDecimal("0.11"), new BigDecimal("0.12"), new BigDecimal("0.13")),
        run.costDeltas());
    assertEquals(new BigDecimal("0.36"), run.totalCost());
  }

  @Test
  void commitsOncePerSliceOnMilestoneBranch() throws Exception {
    Path worktree = addWorktree("M001");

    WorkerRun run = runWorker(worktree, "M001", Map.of());

    assertEquals(0, run.exitCode(), run.stderr());
    String subjects = git(project, "log", "--format=%s", "main..milestone/M001");
    assertEquals(List.of("M001 S03: Author fixtures", "M001 S02: Author store tests",
        "M001 S01: Author store"), lines(subjects));
    assertEquals("src/authors/author-store.js",
        git(project, "show", "--format=", "--name-only", "milestone/M001~2"));
    assertEquals("test/authors/author-fixtures.js",
        git(project, "show", "--format=", "--name-only", "milestone/M001"));
    assertEquals("", git(worktree, "status", "--porcelain"));
  }

  @Test
  void leavesMainUntouched() throws Exception {
    WorkerRun run = runWorker(addWorktree("M001"), "M001", Map.of());

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(initialMain, git(project, "rev-parse", "main"));
    assertEquals("main", git(project, "symbolic-ref", "--short", "HEAD"));
    assertEquals("", git(project, "status", "--porcelain"));
  }

  @Test
  void missingLockExitsWithUsageError() throws Exception {
    Path worktree = addWorktree("M001");
    Map<String, String> noLock = new HashMap<>();
    noLock.put("SF_MILESTONE_LOCK", null);

    WorkerRun run = runWorker(worktree, "M001", noLock);

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("SF_MILESTONE_LOCK is not set"), run.stderr());
    assertEquals(List.of(), run.events());
    assertEquals(initialMain, git(project, "rev-parse", "milestone/M001"));
  }

  @Test
  void wrongLockExitsWithUsageError() throws Exception {
    Path worktree = addWorktree("M001");

    WorkerRun run = runWorker(worktree, "M001", Map.of("SF_MILESTONE_LOCK", "M002"));

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("'M002'"), run.stderr());
    assertEquals(List.of(), run.events());
    assertEquals(initialMain, git(project, "rev-parse", "milestone/M001"));
  }

  @Test
  void projectRootOnMainIsRejected() throws Exception {
    WorkerRun run = runWorker(project, "M001", Map.of());

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("expected 'milestone/M001'"), run.stderr());
    assertEquals(initialMain, git(project, "rev-parse", "main"));
    assertEquals("", git(project, "status", "--porcelain"));
  }

  @Test
  void failKnobStopsAfterFirstSlice() throws Exception {
    WorkerRun run = runWorker(addWorktree("M004"), "M004", Map.of("SF_DEMO_FAIL", "M004"));

    assertEquals(3, run.exitCode());
    assertEquals(List.of(new BigDecimal("0.11")), run.costDeltas());
    assertFalse(run.events().stream().anyMatch(e -> e.path("sf").asText().equals("complete")));
    assertEquals(List.of("M004 S01: Health probe"),
        lines(git(project, "log", "--format=%s", "main..milestone/M004")));
  }

  @Test
  void rerunCommitsNothingNew() throws Exception {
    Path worktree = addWorktree("M002");
    assertEquals(0, runWorker(worktree, "M002", Map.of()).exitCode());
    String head = git(project, "rev-parse", "milestone/M002");

    WorkerRun rerun = runWorker(worktree, "M002", Map.of());

    assertEquals(0, rerun.exitCode(), rerun.stderr());
    assertEquals(head, git(project, "rev-parse", "milestone/M002"));
    assertEquals(new BigDecimal("0.23"), rerun.totalCost());
  }

  @Test
  void allMilestonesMergeIntoMainWithoutConflict() throws Exception {
    BigDecimal total = BigDecimal.ZERO;
    for (String milestone : MILESTONES) {
      WorkerRun run = runWorker(addWorktree(milestone), milestone, Map.of());
      assertEquals(0, run.exitCode(), milestone + ": " + run.stderr());
      total = total.add(run.totalCost());
    }

    for (String milestone : MILESTONES) {
      git(project, "merge", "--quiet", "--no-ff", "-m", "Merge " + milestone,
          "milestone/" + milestone);
    }

    assertEquals(new BigDecimal("1.18"), total);
    String sliceCommits =
        git(project, "log", "--format=%s", "--no-merges", initialMain + "..main");
    assertEquals(10, lines(sliceCommits).size());
    assertTrue(Files.exists(project.resolve("src/routes/search-route.js")));
    assertTrue(Files.exists(project.resolve("src/routes/readiness-route.js")));
    assertEquals("", git(project, "status", "--porcelain"));
  }

  private Path addWorktree(String milestone) throws Exception {
    git(project, "worktree", "add", "--quiet", ".sf/worktrees/" + milestone,
        "-b", "milestone/" + milestone);
    return project.resolve(".sf/worktrees").resolve(milestone);
  }

  /**
   * Runs the worker the way sf starts it. A null value in {@code overrides} removes that
   * variable from the environment.
   */
  private WorkerRun runWorker(Path workDir, String milestone, Map<String, String> overrides)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "tools/scripted-worker.sh", milestone)
        .directory(workDir.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("SF_") || name.startsWith("GIT_"));
    env.put("SF_MILESTONE_LOCK", milestone);
    env.put("SF_WORKTREE", workDir.toString());
    env.put("SF_PLAN_FILE",
        workDir.resolve(".sf/milestones").resolve(milestone).resolve("MILESTONE.md").toString());
    env.put("SF_DEMO_SLICE_SECONDS", "0");
    overrides.forEach((name, value) -> {
      if (value == null) {
        env.remove(name);
      } else {
        env.put(name, value);
      }
    });
    Path stdout = Files.createTempFile(temp, "worker", ".out");
    Path stderr = Files.createTempFile(temp, "worker", ".err");
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    Process process = builder.start();

    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Worker for " + milestone + " did not exit within 60 seconds");
    }
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      events.add(JSON.readTree(line));
    }
    return new WorkerRun(process.exitValue(), events, Files.readString(stderr));
  }

  /** Runs git with a fixed identity and returns its trimmed output. Fails on a non-zero exit. */
  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=sf test",
        "-c", "user.email=test@sf.invalid", "-c", "commit.gpgsign=false"));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("GIT_"));
    Path output = Files.createTempFile("git", ".out");
    try {
      builder.redirectErrorStream(true).redirectOutput(output.toFile());
      Process process = builder.start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "git " + command + " timed out");
      String text = Files.readString(output).trim();
      assertEquals(0, process.exitValue(), "git " + String.join(" ", args) + ": " + text);
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : text.lines().toList();
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      paths.forEach(path -> {
        try {
          Path copy = target.resolve(source.relativize(path).toString());
          if (Files.isDirectory(path)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(path, copy);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Copying " + path + " failed", e);
        }
      });
    }
  }

  /** Exit status, parsed stdout events and stderr text of one worker run. */
  private record WorkerRun(int exitCode, List<JsonNode> events, String stderr) {

    List<BigDecimal> costDeltas() {
      return events.stream()
          .filter(event -> event.path("sf").asText().equals("cost"))
          .map(event -> event.get("delta_usd").decimalValue())
          .toList();
    }

    BigDecimal totalCost() {
      return costDeltas().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }
}
