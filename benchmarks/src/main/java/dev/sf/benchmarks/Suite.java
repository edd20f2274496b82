package dev.sf.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark and prints one Markdown table, preceded by the machine it ran on. Usage:
 * {@code Suite [--quick] [--home DIR] [--only NAME,...]} where the names are {@code start},
 * {@code status}, {@code memory}, {@code eligibility}, {@code stop}, {@code output} and
 * {@code merge}. {@code --home} is the sf source tree, whose {@code bin/sf} and CLI jar the
 * status figures run. {@code --quick} runs each benchmark once, briefly, so that a broken
 * benchmark shows up in CI; its figures are not worth comparing.
 */
public final class Suite {

  /** The JVM options {@code bin/sf} passes, repeated here to measure a coordinator with them. */
  static final List<String> BIN_SF_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m");

  private static final List<String> ALL =
      List.of("start", "status", "memory", "eligibility", "stop", "output", "merge");

  private Suite() {}

  /**
   * Runs the benchmarks and prints the table.
   *
   * @param args the options described above
   * @throws Exception when a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path home = Path.of("").toAbsolutePath();
    Set<String> only = Set.copyOf(ALL);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--home" -> home = Path.of(args[++i]).toAbsolutePath();
        case "--only" -> only = Set.copyOf(Arrays.asList(args[++i].split(",")));
        default -> throw new IllegalArgumentException("Unknown option '" + args[i]
            + "'. Use --quick, --home DIR or --only " + String.join(",", ALL) + ".");
      }
    }
    List<String> machine = Machine.describe();
    Path work = Files.createTempDirectory("sf-benchmarks");
    List<Figure> figures = new ArrayList<>();
    boolean failed = false;
    try {
      for (String name : ALL) {
        if (only.contains(name)) {
          System.err.println("benchmarks: running " + name + (quick ? " (quick)" : ""));
          try {
            figures.addAll(run(name, work.resolve(name), home, quick));
          } catch (Exception | LinkageError e) {
            e.printStackTrace();
            failed = true;
            figures.add(Figure.notMeasured(name, "Suite --only " + name, "-",
                "failed: " + e, "-"));
          }
        }
      }
    } finally {
      Bench.deleteTree(work);
    }
    print(machine, quick, figures);
    if (failed) {
      System.exit(1);
    }
  }

  private static List<Figure> run(String name, Path work, Path home, boolean quick)
      throws Exception {
    Files.createDirectories(work);
    return switch (name) {
      case "start" -> StartBenchmark.run(work, quick ? 1 : 5);
      case "status" -> StatusBenchmark.run(work, home, quick ? 2 : 10);
      case "memory" -> memory(work, quick);
      case "eligibility" -> JmhFigures.run("EligibilityBenchmark", "eligibility analysis",
          "10,000 milestones", quick, result -> new JmhFigures.Target("< 1 s",
              score -> JmhFigures.millis(result) < 1000));
      case "stop" -> StopLatencyBenchmark.run(quick ? 1 : 7,
          quick ? List.of(4) : List.of(4, 64));
      case "output" -> JmhFigures.run("OutputThroughputBenchmark", "output lines/s",
          "4 readers x 50,000 lines", quick, result ->
              "sf-events".equals(result.getParams().getParam("format"))
                  ? new JmhFigures.Target(">= 200,000 lines/s", score -> score >= 200_000)
                  : JmhFigures.Target.NONE);
      case "merge" -> MergeBenchmark.run(work, 500, quick ? 1 : 3, quick ? 1 : 7);
      default -> throw new IllegalArgumentException("Unknown benchmark '" + name + "'");
    };
  }

  private static List<Figure> memory(Path work, boolean quick) throws Exception {
    Duration settle = Duration.ofSeconds(quick ? 1 : 5);
    int runs = quick ? 1 : 3;
    List<Figure> figures = new ArrayList<>();
    if (!quick) {
      Path defaults = work.resolve("default-options");
      figures.addAll(MemoryBenchmark.run(defaults, 4, 150, List.of(), settle, runs));
      figures.addAll(MemoryBenchmark.run(defaults, 64, 300, List.of(), settle, runs));
    }
    Path binSf = work.resolve("bin-sf-options");
    figures.addAll(MemoryBenchmark.run(binSf, 4, 150, BIN_SF_OPTIONS, settle, runs));
    figures.addAll(MemoryBenchmark.run(binSf, 64, 300, BIN_SF_OPTIONS, settle, runs));
    return figures;
  }

  private static void print(List<String> machine, boolean quick, List<Figure> figures) {
    System.out.println("Machine:");
    machine.forEach(line -> System.out.println("- " + line));
    if (quick) {
      System.out.println("- mode: --quick (one short run each; figures only show that the"
          + " benchmarks run)");
    }
    System.out.println();
    System.out.println("| figure | command | input | median | target | result |");
    System.out.println("|---|---|---|---|---|---|");
    for (Figure figure : figures) {
      System.out.printf("| %s | `%s` | %s | %s | %s | %s |%n", figure.name(), figure.command(),
          figure.input(), figure.value(), figure.target(), figure.verdict());
    }
  }
}
