package dev.sf.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory ({@code VmRSS}) of a coordinator JVM with 4 and with 64 workers that sleep, in
 * megabytes of 1,000,000 bytes, the unit of the targets. Each coordinator runs in a JVM of its
 * own ({@link CoordinatorProcess}), started with the given JVM options. Its memory is read once
 * all its workers run and after it has polled their logs for a few seconds.
 */
final class MemoryBenchmark {
  private static final int FILES = 20;

  private MemoryBenchmark() {}

  static List<Figure> run(Path work, int workers, double targetMegabytes, List<String> jvmOptions,
      Duration settle, int runs) throws Exception {
    BenchProject template = BenchProject.create(work.resolve("memory-" + workers), FILES,
        workers, workers);
    List<Double> sizes = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      BenchProject project = template.copyTo(work.resolve("memory-" + workers + "-" + run));
      sizes.add(measure(project, workers, jvmOptions, settle));
    }
    double megabytes = Bench.median(sizes);
    String flags = jvmOptions.isEmpty() ? "default JVM options" : String.join(" ", jvmOptions);
    return List.of(new Figure("coordinator RSS, " + workers + " workers",
        "java " + flags + " CoordinatorProcess (VmRSS)",
        workers + " sleeping workers, " + FILES + " files, " + runs + " runs",
        String.format("%.0f MB", megabytes), String.format("< %.0f MB", targetMegabytes),
        Figure.verdict(megabytes < targetMegabytes)));
  }

  private static double measure(BenchProject project, int workers, List<String> jvmOptions,
      Duration settle) throws Exception {
    Path sfHome = Files.createDirectories(project.root().resolveSibling("sf-home"));
    List<String> command = new ArrayList<>();
    command.add(Bench.javaBinary());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        CoordinatorProcess.class.getName(), project.root().toString(), sfHome.toString(),
        Integer.toString(workers)));
    Process coordinator = new ProcessBuilder(command)
        .redirectError(project.root().resolveSibling("coordinator.log").toFile())
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(
        coordinator.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = coordinator.getOutputStream()) {
      String line = out.readLine();
      if (!"started".equals(line)) {
        throw new IllegalStateException("The coordinator with " + workers + " workers did not"
            + " start; see " + project.root().resolveSibling("coordinator.log"));
      }
      Thread.sleep(settle.toMillis());
      double megabytes = Bench.residentMegabytes(coordinator.pid());
      in.write('\n');
      in.flush();
      if (!coordinator.waitFor(2, TimeUnit.MINUTES)) {
        coordinator.destroy();
        throw new IllegalStateException("The coordinator with " + workers
            + " workers did not stop within 2 minutes");
      }
      return megabytes;
    } finally {
      if (coordinator.isAlive()) {
        coordinator.destroy();
      }
    }
  }
}
