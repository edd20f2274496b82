package dev.sf.benchmarks;

import dev.sf.core.git.MergeOutcome;
import dev.sf.core.git.MergeRequest;
import dev.sf.core.git.ProjectGit;
import dev.sf.core.model.MergeStyle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Times sf's in-memory squash merge against {@code git merge --squash} followed by
 * {@code git commit}, on copies of one repository where a milestone branch changed 500 files
 * and the integration branch moved meanwhile.
 *
 * <p>Usage: {@code MergeBenchmark [files] [runs]} (defaults 500 and 7). Each run works on a fresh
 * copy, and only the merge itself is timed (for sf: open, merge and close; for git: the two
 * commands). Prints the median of each and their ratio.
 */
public final class MergeBenchmark {

  private MergeBenchmark() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args optional number of changed files and number of runs
   * @throws Exception when git fails or a file cannot be written
   */
  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path work = Files.createTempDirectory("sf-merge-bench");
    try {
      Path template = work.resolve("template");
      build(template, files);
      List<Long> sf = new ArrayList<>();
      List<Long> git = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        Path a = copy(template, work.resolve("sf-" + run));
        Path b = copy(template, work.resolve("git-" + run));
        sf.add(timeSf(a));
        git.add(timeGit(b));
      }
      double sfMs = median(sf) / 1e6;
      double gitMs = median(git) / 1e6;
      System.out.printf("files changed on branch: %d, runs: %d%n", files, runs);
      System.out.printf("sf merge (squash, in memory + checkout): median %.1f ms%n", sfMs);
      System.out.printf("git merge --squash + git commit:         median %.1f ms%n", gitMs);
      System.out.printf("ratio sf / git: %.2f%n", sfMs / gitMs);
    } finally {
      deleteTree(work);
    }
  }

  private static long timeSf(Path repo) {
    long start = System.nanoTime();
    try (ProjectGit git = ProjectGit.open(repo)) {
      MergeOutcome outcome = git.merge(new MergeRequest("M001", "milestone/M001", "main",
          MergeStyle.SQUASH, "Merge M001", Optional.empty()));
      if (!(outcome instanceof MergeOutcome.Merged)) {
        throw new IllegalStateException("sf merge did not merge: " + outcome);
      }
    }
    return System.nanoTime() - start;
  }

  private static long timeGit(Path repo) throws IOException, InterruptedException {
    long start = System.nanoTime();
    git(repo, "merge", "--squash", "-q", "milestone/M001");
    git(repo, "commit", "-q", "-m", "Merge M001");
    return System.nanoTime() - start;
  }

  private static void build(Path root, int files) throws IOException, InterruptedException {
    Files.createDirectories(root);
    git(root, "init", "-q", "-b", "main");
    git(root, "config", "user.name", "Bench");
    git(root, "config", "user.email", "bench@example.com");
    for (int i = 0; i < files * 2; i++) {
      write(root, "src/dir" + (i % 20) + "/file" + i + ".txt", body(i, "base"));
    }
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "Base");
    git(root, "checkout", "-q", "-b", "milestone/M001");
    for (int i = 0; i < files; i++) {
      write(root, "src/dir" + (i % 20) + "/file" + i + ".txt", body(i, "branch"));
    }
    git(root, "commit", "-q", "-a", "-m", "Branch work");
    git(root, "checkout", "-q", "main");
    for (int i = files; i < files + 50; i++) {
      write(root, "src/dir" + (i % 20) + "/file" + i + ".txt", body(i, "main"));
    }
    git(root, "commit", "-q", "-a", "-m", "Main moved");
  }

  private static String body(int index, String side) {
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < 40; line++) {
      text.append("file ").append(index).append(" line ").append(line);
      text.append(line == 20 ? " " + side : "").append('\n');
    }
    return text.toString();
  }

  private static void write(Path root, String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static Path copy(Path from, Path to) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("cp", "-a", from.toString(), to.toString())
        .inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IOException("cp -a '" + from + "' '" + to + "' failed");
    }
    return to;
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
    if (builder.start().waitFor() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed in '" + dir + "'");
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
