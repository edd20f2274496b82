package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sf.core.process.ProcessSignals;
import dev.sf.core.runtime.ProcessTable;
import dev.sf.spi.WorkerSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * A real git repository set up for sf: preferences, milestones without dependencies, and a worker
 * script speaking sf-events that waits until the test creates its gate file. Each worker writes
 * its pid to {@code <gates>/<ID>.pid} when it starts; creating {@code <gates>/<ID>} lets it commit
 * one file and complete.
 */
final class TestProject {
  /** The worker: reports a started slice and a cost, then waits on its gate file. */
  private static final String WORKER = """
      #!/bin/sh
      # Test worker: waits for the file $SF_TEST_GATES/<ID>, then commits one file and completes.
      m=$1
      if [ -n "${SF_TEST_IGNORE_TERM:-}" ]; then trap '' TERM; fi
      echo $$ > "$SF_TEST_GATES/$m.pid.tmp" && mv "$SF_TEST_GATES/$m.pid.tmp" "$SF_TEST_GATES/$m.pid"
      echo '{"sf":"slice","id":"S01","state":"started"}'
      echo '{"sf":"cost","delta_usd":0.25}'
      printf '{"sf":"progress","message":"%s waits for its gate"}\\n' "$m"
      while [ ! -e "$SF_TEST_GATES/$m" ]; do [ -d "$SF_TEST_GATES" ] || exit 9; sleep 0.05; done
      mkdir -p "work/$m"
      echo "$m" > "work/$m/done.txt"
      git add "work/$m" && git commit -q -m "$m: finish"
      echo '{"sf":"slice","id":"S01","state":"done"}'
      echo '{"sf":"complete"}'
      """;

  final Path root;
  final Path gates;

  private TestProject(Path root, Path gates) {
    this.root = root;
    this.gates = gates;
  }

  /**
   * Creates a project with milestones {@code ids} (no dependencies, disjoint files).
   *
   * @param root the repository folder, created when missing
   * @param gates the folder for gate and pid files, created when missing
   * @param autoMerge the value of parallel.auto_merge
   * @param ids the milestones; parallel.max_workers is their number (at least 1, at most 4)
   */
  static TestProject create(Path root, Path gates, String autoMerge, List<String> ids) {
    TestProject project = new TestProject(root, gates);
    try {
      Files.createDirectories(root);
      Files.createDirectories(gates);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    project.git("init", "-q", "-b", "main");
    project.git("config", "user.name", "Test User");
    project.git("config", "user.email", "test@example.com");
    project.write("README.md", "test project\n");
    project.write(".sf/preferences.yaml", preferences(autoMerge, Math.max(1, ids.size()), 10));
    project.write("tools/worker.sh", WORKER);
    for (String id : ids) {
      project.write(".sf/milestones/" + id + "/MILESTONE.md", """
          ---
          title: Milestone %s
          depends_on: []
          files: ["work/%s/**"]
          slices:
            - {id: S01, title: Only slice}
          ---
          # %s
          """.formatted(id, id, id));
    }
    project.git("add", "-A");
    project.git("commit", "-q", "-m", "Set up the test project");
    return project;
  }

  static String preferences(String autoMerge, int maxWorkers, int graceSeconds) {
    return """
        parallel:
          enabled: true
          max_workers: %d
          budget_ceiling: 10.00
          auto_merge: %s
        worker:
          preset: sf-events
          command: ["sh", "tools/worker.sh", "{milestone}"]
          stop_grace_seconds: %d
        """.formatted(maxWorkers, autoMerge, graceSeconds);
  }

  /** Lets a waiting worker finish. */
  void open(String id) {
    write(gates.resolve(id), "");
  }

  /** Returns the pid the worker of {@code id} recorded, or empty before it started. */
  OptionalLong workerPid(String id) {
    Path file = gates.resolve(id + ".pid");
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kills the process groups of the given workers, so that no child is left behind, stopped ones
   * included. A worker's pid is its process group id.
   */
  void killWorkerGroups(List<String> ids) {
    List<Long> groups = new ArrayList<>();
    for (String id : ids) {
      OptionalLong pid = workerPid(id);
      if (pid.isPresent() && !ProcessTable.group(pid.getAsLong()).isEmpty()) {
        groups.add(pid.getAsLong());
      }
    }
    ProcessSignals.signalGroups(WorkerSignal.KILL, groups);
  }

  /** Returns true when the worker of {@code id} started and its process still runs. */
  boolean workerAlive(String id) {
    OptionalLong pid = workerPid(id);
    return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive)
        .orElse(false);
  }

  /** Returns the state letter of a process from /proc (R, S, T for stopped, Z...). */
  static String processState(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch (IOException e) {
      return "gone";
    }
  }

  void write(String path, String content) {
    write(root.resolve(path), content);
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs git in the repository and returns its output; fails on a non-zero exit. */
  String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor(), "git " + String.join(" ", args) + " failed: " + out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
