package dev.sf.benchmarks;

import dev.sf.api.SfProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code sf parallel status} as a new process while a detached coordinator runs four
 * workers, with plain {@code java -jar} and through {@code bin/sf} (which adds its JVM options and
 * class data sharing archive), and times the start of a JVM that runs a trivial main for
 * comparison.
 */
final class StatusBenchmark {
  private static final int FILES = 200;
  private static final int WORKERS = 4;
  private static final double TARGET_MS = 300;

  private StatusBenchmark() {}

  static List<Figure> run(Path work, Path home, int runs) throws Exception {
    Path jar = home.resolve("orchestrator-cli/target/sf-cli.jar");
    Path binSf = home.resolve("bin/sf");
    String input = WORKERS + " running workers, " + FILES + " files, " + runs + " runs";
    List<Figure> figures = new ArrayList<>();
    figures.add(timeFigure("JVM start-up, trivial main", "java -cp benchmarks TrivialMain",
        "-", runs, List.of(Bench.javaBinary(), "-cp", System.getProperty("java.class.path"),
            TrivialMain.class.getName()), Map.of(), work, Double.NaN));

    BenchProject project = BenchProject.create(work.resolve("status"), FILES, WORKERS, WORKERS);
    Path sfHome = project.root().resolveSibling("sf-home");
    Files.createDirectories(sfHome);
    Map<String, String> env = Map.of("SF_HOME", sfHome.toString());
    runCli(List.of(Bench.javaBinary(), "-jar", jar.toString(), "-C", project.root().toString(),
        "parallel", "start", "--yes", "--detach"), env, work);
    try {
      awaitWorkers(project);
      figures.add(timeFigure("sf parallel status (java -jar)",
          "java -jar sf-cli.jar -C repo parallel status", input, runs,
          List.of(Bench.javaBinary(), "-jar", jar.toString(), "-C", project.root().toString(),
              "parallel", "status"), env, work, TARGET_MS));
      List<String> binSfStatus = List.of(binSf.toString(), "-C", project.root().toString(),
          "parallel", "status");
      awaitArchive(home, binSfStatus, env, work);
      figures.add(timeFigure("sf parallel status (bin/sf)", "bin/sf -C repo parallel status",
          input, runs, binSfStatus, env, work, TARGET_MS));
    } finally {
      stop(project, jar, env, work);
    }
    return figures;
  }

  private static Figure timeFigure(String name, String shown, String input, int runs,
      List<String> command, Map<String, String> env, Path work, double targetMs)
      throws Exception {
    runCli(command, env, work);
    List<Long> times = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      long start = System.nanoTime();
      runCli(command, env, work);
      times.add(System.nanoTime() - start);
    }
    double ms = Bench.medianMillis(times);
    boolean hasTarget = !Double.isNaN(targetMs);
    return new Figure(name, shown, input, String.format("%.0f ms", ms),
        hasTarget ? String.format("< %.0f ms", targetMs) : "-",
        hasTarget ? Figure.verdict(ms < targetMs) : "-");
  }

  private static void runCli(List<String> command, Map<String, String> env, Path work)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + exit);
    }
  }

  /**
   * Runs {@code command} until {@code bin/sf} has made its class data sharing archive for the
   * current jar, so that every timed run maps it. The first run records the class list and the
   * second starts the dump in the background.
   */
  private static void awaitArchive(Path home, List<String> command, Map<String, String> env,
      Path work) throws Exception {
    Path jar = home.resolve("orchestrator-cli/target/sf-cli.jar");
    Path archive = home.resolve("orchestrator-cli/target/sf-cli.jsa");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!Files.exists(archive)
        || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("bin/sf did not write " + archive + " within 3 minutes");
      }
      runCli(command, env, work);
      Thread.sleep(1000);
    }
  }

  private static void awaitWorkers(BenchProject project) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (project.startedWorkers() < WORKERS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Only " + project.startedWorkers() + " of " + WORKERS
            + " workers started within 2 minutes in " + project.root());
      }
      Thread.sleep(50);
    }
  }

  private static void stop(BenchProject project, Path jar, Map<String, String> env, Path work)
      throws Exception {
    OptionalLong pid;
    try (SfProject sf = SfProject.open(project.root())) {
      pid = sf.coordinatorPid();
    }
    runCli(List.of(Bench.javaBinary(), "-jar", jar.toString(), "-C", project.root().toString(),
        "parallel", "stop"), env, work);
    if (pid.isPresent()) {
      ProcessHandle.of(pid.getAsLong()).ifPresent(process -> {
        try {
          process.onExit().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
          throw new IllegalStateException("The coordinator (pid " + pid.getAsLong()
              + ") did not exit within a minute of sf parallel stop", e);
        }
      });
    }
  }
}
