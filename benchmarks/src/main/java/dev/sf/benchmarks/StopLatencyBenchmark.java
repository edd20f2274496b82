package dev.sf.benchmarks;

import dev.sf.api.ProjectOptions;
import dev.sf.api.Run;
import dev.sf.api.RunOptions;
import dev.sf.api.RunSummary;
import dev.sf.api.SfProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures how long a budget stop takes: from the moment a worker prints the cost line that
 * crosses the ceiling to the moment the last running worker receives SIGTERM.
 *
 * <p>Usage: {@code StopLatencyBenchmark [runs] [workers...]} (defaults 7 runs, 4 and 64
 * workers). Every worker is a bash script that traps TERM and writes the time in microseconds to
 * a file. The crossing worker writes the same clock just before it prints the cost line. Each run
 * uses a fresh git repository in a temporary folder, and prints the p50 and p99 over the runs,
 * after one uncounted warm-up run per worker count.
 */
public final class StopLatencyBenchmark {
  private static final long TIMEOUT_SECONDS = 300;

  /**
   * The worker, a bash script. The clock is bash's {@code EPOCHREALTIME} (microseconds), which
   * needs no process, so writing it does not wait for a fork. The worker waits with {@code wait}
   * on a background {@code sleep}, because a trap set for a signal runs only after a foreground
   * command ends, and a {@code sleep 1} in the foreground that missed the signal would delay the
   * trap by up to a second.
   */
  private static final String WORKER = """
      trap 'echo "${EPOCHREALTIME/[.,]/}" > "$SF_BENCH_MARKS/$1.term"; exit 0' TERM
      touch "$SF_BENCH_MARKS/$1.started"
      if [ "$1" = "M001" ]; then
        while [ ! -f "$SF_BENCH_MARKS/go" ]; do sleep 0.02 & wait $!; done
        echo "${EPOCHREALTIME/[.,]/}" > "$SF_BENCH_MARKS/cross"
        echo '{"sf":"cost","total_usd":2}'
      fi
      while :; do sleep 1 & wait $!; done
      """;

  private StopLatencyBenchmark() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args optional number of runs, then the worker counts
   * @throws Exception when git fails, a file cannot be written or a run times out
   */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    List<Integer> counts = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      counts.add(Integer.parseInt(args[i]));
    }
    if (counts.isEmpty()) {
      counts = List.of(4, 64);
    }
    for (Figure figure : run(runs, counts)) {
      System.out.println(figure.name() + ": " + figure.value() + " (target " + figure.target()
          + ", " + figure.verdict() + ")");
    }
  }

  /**
   * Measures the stop latency for each worker count and returns a p50 and a p99 row for each.
   * Targets: p99 under 100 ms with 4 workers and under 250 ms with 64.
   */
  static List<Figure> run(int runs, List<Integer> counts) throws Exception {
    List<Figure> figures = new ArrayList<>();
    for (int workers : counts) {
      // The first stop in a JVM loads the classes of the whole stop path; it is not counted.
      measure(workers);
      List<Double> latencies = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        latencies.add(measure(workers));
      }
      Collections.sort(latencies);
      double p50 = percentile(latencies, 50);
      double p99 = percentile(latencies, 99);
      double limit = workers <= 4 ? 100 : 250;
      String command = "StopLatencyBenchmark " + runs + " " + workers;
      String input = workers + " workers, " + runs + " runs";
      figures.add(new Figure("stop latency p50 (cost line to last SIGTERM)", command, input,
          String.format("%.1f ms", p50), "-", "-"));
      figures.add(new Figure("stop latency p99 (cost line to last SIGTERM)", command, input,
          String.format("%.1f ms", p99), String.format("< %.0f ms", limit),
          Figure.verdict(p99 < limit)));
    }
    return figures;
  }

  private static double measure(int workers) throws Exception {
    Path folder = Files.createTempDirectory("sf-stop-bench");
    Path root = Files.createDirectories(folder.resolve("project"));
    Path marks = Files.createDirectories(folder.resolve("marks"));
    Path home = Files.createDirectories(folder.resolve("home"));
    write(root.resolve(".sf/preferences.yaml"), "parallel: {enabled: true, max_workers: "
        + workers + ", budget_ceiling: 1.00, auto_merge: manual}\n"
        + "worker:\n  preset: sf-events\n  command: [\"bash\", \"worker.sh\", \"{milestone}\"]\n"
        + "  env: {SF_BENCH_MARKS: \"" + marks + "\"}\n");
    write(root.resolve("worker.sh"), WORKER);
    for (int i = 1; i <= workers; i++) {
      String id = String.format("M%03d", i);
      write(root.resolve(".sf/milestones/" + id + "/MILESTONE.md"),
          "---\ntitle: Worker " + id + "\n---\n\nWaits for the budget stop.\n");
    }
    git(root, "init", "-q", "-b", "main");
    git(root, "add", "-A");
    git(root, "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "commit", "-q",
        "-m", "Plan the milestones");

    ProjectOptions options = ProjectOptions.builder().sfHome(home)
        .maxWorkersLimit(Math.max(4, workers)).build();
    try (SfProject project = SfProject.open(root, options);
        Run run = project.start(RunOptions.defaults())) {
      waitForStarts(marks, workers);
      Files.createFile(marks.resolve("go"));
      RunSummary summary = run.completion().toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!summary.budgetReached()) {
        throw new IllegalStateException("The run in " + root + " did not reach its ceiling");
      }
    }
    long crossed = readClock(marks.resolve("cross"));
    long lastTerm = 0;
    for (int i = 1; i <= workers; i++) {
      lastTerm = Math.max(lastTerm, readClock(marks.resolve(String.format("M%03d.term", i))));
    }
    Bench.deleteTree(folder);
    return (lastTerm - crossed) / 1_000.0;
  }

  private static void waitForStarts(Path marks, int workers) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(marks)) {
        if (files.filter(f -> f.toString().endsWith(".started")).count() == workers) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("Not all " + workers + " workers started within "
        + TIMEOUT_SECONDS + " s");
  }

  private static long readClock(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalStateException("Missing " + file + ": that worker never got SIGTERM");
    }
    return Long.parseLong(Files.readString(file).strip());
  }

  private static double percentile(List<Double> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void git(Path folder, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    Process process = new ProcessBuilder(argv).directory(folder.toFile()).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("git " + List.of(args) + " failed in " + folder);
    }
  }
}
