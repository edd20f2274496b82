package dev.sf.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A project to run: a git repository with {@code files} tracked files, {@code milestones}
 * independent milestones and a worker that writes a marker file and then sleeps. The worker
 * script and the marker folder live outside the repository, so nothing untracked appears in it.
 *
 * @param root the repository
 * @param markers the folder where each worker writes a file named after its milestone
 * @param milestones the milestone ids
 */
record BenchProject(Path root, Path markers, List<String> milestones) {

  /**
   * Creates the project under {@code folder}: {@code folder/repo}, {@code folder/worker.sh} and
   * {@code folder/markers}.
   */
  static BenchProject create(Path folder, int files, int milestones, int maxWorkers)
      throws IOException, InterruptedException {
    Path root = folder.resolve("repo");
    Path markers = folder.resolve("markers");
    Files.createDirectories(markers);
    Path worker = folder.resolve("worker.sh");
    Bench.write(worker, "#!/bin/sh\n"
        + "# Benchmark worker: says it started, then waits to be stopped.\n"
        + ": > \"" + markers + "/$1\"\n"
        + "exec sleep 3600\n");
    Files.createDirectories(root);
    Bench.git(root, "init", "-q", "-b", "main");
    Bench.git(root, "config", "user.name", "Bench");
    Bench.git(root, "config", "user.email", "bench@example.com");
    for (int i = 0; i < files; i++) {
      Bench.write(root.resolve("src/dir" + (i % 20) + "/file" + i + ".txt"),
          "file " + i + "\n");
    }
    Bench.write(root.resolve(".sf/preferences.yaml"), "parallel:\n"
        + "  enabled: true\n"
        + "  max_workers: " + maxWorkers + "\n"
        + "  auto_merge: manual\n"
        + "worker:\n"
        + "  preset: plain\n"
        + "  command: [\"sh\", \"" + worker + "\", \"{milestone}\"]\n"
        + "  stop_grace_seconds: 5\n");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= milestones; i++) {
      String id = String.format("M%03d", i);
      ids.add(id);
      Bench.write(root.resolve(".sf/milestones/" + id + "/MILESTONE.md"),
          "---\ntitle: Benchmark milestone " + id + "\n---\nWait to be stopped.\n");
    }
    Bench.git(root, "add", "-A");
    Bench.git(root, "commit", "-q", "-m", "Base");
    return new BenchProject(root, markers, List.copyOf(ids));
  }

  /** Copies the project to {@code folder}, rewriting nothing: the worker path stays valid. */
  BenchProject copyTo(Path folder) throws IOException, InterruptedException {
    Files.createDirectories(folder);
    Path newRoot = Bench.copy(root, folder.resolve("repo"));
    return new BenchProject(newRoot, markers, milestones);
  }

  /** Counts the marker files written so far. */
  long startedWorkers() throws IOException {
    try (var files = Files.list(markers)) {
      return files.count();
    }
  }

  /** Deletes the marker files. */
  void clearMarkers() throws IOException {
    Bench.deleteTree(markers);
    Files.createDirectories(markers);
  }
}
