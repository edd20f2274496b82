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
 * copy, whose index is refreshed before the timing starts. For sf only the merge itself is
 * timed, on a repository opened beforehand, as a coordinator keeps it open. For git the two
 * commands are timed, process start included. The first runs are warm-up runs that are not
 * counted, so that class loading and JIT compilation do not count against sf. Prints the median
 * of each and their ratio.
 */
public final class MergeBenchmark {
  private static final int WARMUP_RUNS = 3;

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
      for (Figure figure : run(work, files, WARMUP_RUNS, runs)) {
        System.out.printf("%s: %s%n", figure.name(), figure.value());
      }
    } finally {
      Bench.deleteTree(work);
    }
  }

  static List<Figure> run(Path work, int files, int warmups, int runs) throws Exception {
    Path template = work.resolve("merge-template");
    build(template, files);
    List<Long> sf = new ArrayList<>();
    List<Long> git = new ArrayList<>();
    for (int run = -warmups; run < runs; run++) {
      Path a = Bench.copy(template, work.resolve("merge-sf" + run));
      Path b = Bench.copy(template, work.resolve("merge-git" + run));
      settle(a);
      settle(b);
      long sfNanos = timeSf(a);
      long gitNanos = timeGit(b);
      checkSameResult(a, b);
      if (run >= 0) {
        sf.add(sfNanos);
        git.add(gitNanos);
      }
      Bench.deleteTree(a);
      Bench.deleteTree(b);
    }
    double sfMs = Bench.medianMillis(sf);
    double gitMs = Bench.medianMillis(git);
    String input = files + " files changed, " + (files * 2) + " tracked, " + runs + " runs";
    return List.of(
        new Figure("merge (sf, squash in memory + checkout)", "ProjectGit.merge(SQUASH)", input,
            String.format("%.0f ms", sfMs), "-", "-"),
        new Figure("git merge --squash + git commit", "sh: git merge --squash; git commit",
            input, String.format("%.0f ms", gitMs), "-", "-"),
        new Figure("merge ratio sf / git", "ratio of the two medians above", input,
            String.format("%.2f", sfMs / gitMs), "<= 1.0", Figure.verdict(sfMs <= gitMs)));
  }

  /**
   * Brings a fresh copy to the state of a project root in use, untimed. The copy gave every file
   * a new inode and change time, so git would re-hash each file without the index refresh. Then
   * {@code sync} writes the copy to disk, so that its write-back does not land in a timed run.
   */
  private static void settle(Path repo) throws IOException, InterruptedException {
    Bench.git(repo, "update-index", "-q", "--refresh");
    Bench.timeShell(repo, "sync");
  }

  /**
   * Checks, untimed, that both merges committed the same tree and left a clean working tree, so
   * that the two timings are of the same work.
   */
  private static void checkSameResult(Path sf, Path git)
      throws IOException, InterruptedException {
    String sfTree = Bench.gitOutput(sf, "rev-parse", "HEAD^{tree}").strip();
    String gitTree = Bench.gitOutput(git, "rev-parse", "HEAD^{tree}").strip();
    if (!sfTree.equals(gitTree)) {
      throw new IllegalStateException("sf merged tree " + sfTree + " but git merged " + gitTree);
    }
    for (Path repo : List.of(sf, git)) {
      String status = Bench.gitOutput(repo, "status", "--porcelain");
      if (!status.isEmpty()) {
        throw new IllegalStateException("Merge left changes in '" + repo + "':\n" + status);
      }
    }
  }

  private static long timeSf(Path repo) {
    try (ProjectGit git = ProjectGit.open(repo)) {
      long start = System.nanoTime();
      MergeOutcome outcome = git.merge(new MergeRequest("M001", "milestone/M001", "main",
          MergeStyle.SQUASH, "Merge M001", Optional.empty()));
      long elapsed = System.nanoTime() - start;
      if (!(outcome instanceof MergeOutcome.Merged)) {
        throw new IllegalStateException("sf merge did not merge: " + outcome);
      }
      return elapsed;
    }
  }

  private static long timeGit(Path repo) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Bench.git(repo, "merge", "--squash", "-q", "milestone/M001");
    Bench.git(repo, "commit", "-q", "-m", "Merge M001");
    return System.nanoTime() - start;
  }

  private static void build(Path root, int files) throws IOException, InterruptedException {
    Files.createDirectories(root);
    Bench.git(root, "init", "-q", "-b", "main");
    Bench.git(root, "config", "user.name", "Bench");
    Bench.git(root, "config", "user.email", "bench@example.com");
    for (int i = 0; i < files * 2; i++) {
      write(root, "src/dir" + (i % 20) + "/file" + i + ".txt", body(i, "base"));
    }
    Bench.git(root, "add", "-A");
    Bench.git(root, "commit", "-q", "-m", "Base");
    Bench.git(root, "checkout", "-q", "-b", "milestone/M001");
    for (int i = 0; i < files; i++) {
      write(root, "src/dir" + (i % 20) + "/file" + i + ".txt", body(i, "branch"));
    }
    Bench.git(root, "commit", "-q", "-a", "-m", "Branch work");
    Bench.git(root, "checkout", "-q", "main");
    for (int i = files; i < files + 50; i++) {
      write(root, "src/dir" + (i % 20) + "/file" + i + ".txt", body(i, "main"));
    }
    Bench.git(root, "commit", "-q", "-a", "-m", "Main moved");
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
}
