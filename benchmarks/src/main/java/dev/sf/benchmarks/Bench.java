package dev.sf.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers the benchmark harnesses share: git and cp processes, medians, clean-up. */
final class Bench {

  private Bench() {}

  /** Runs {@code git -C dir args...} with the caller's GIT_ variables removed. */
  static void git(Path dir, String... args) throws IOException, InterruptedException {
    run(dir, ProcessBuilder.Redirect.DISCARD, args);
  }

  /** Runs {@code git -C dir args...} like {@link #git} and returns its standard output. */
  static String gitOutput(Path dir, String... args) throws IOException, InterruptedException {
    Path output = Files.createTempFile("sf-bench-git", ".out");
    try {
      run(dir, ProcessBuilder.Redirect.to(output.toFile()), args);
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static void run(Path dir, ProcessBuilder.Redirect output, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(output)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
    if (builder.start().waitFor() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed in '" + dir + "'");
    }
  }

  /** Runs {@code sh -c script} in {@code dir} and returns its wall time in nanoseconds. */
  static long timeShell(Path dir, String script) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
    long start = System.nanoTime();
    int exit = builder.start().waitFor();
    long elapsed = System.nanoTime() - start;
    if (exit != 0) {
      throw new IOException("sh -c '" + script + "' exited with " + exit + " in '" + dir + "'");
    }
    return elapsed;
  }

  /** Copies a folder with {@code cp -a}, so that each timed run starts from the same state. */
  static Path copy(Path from, Path to) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("cp", "-a", from.toString(), to.toString())
        .inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IOException("cp -a '" + from + "' '" + to + "' failed");
    }
    return to;
  }

  /** Writes a file, creating its parent folders. */
  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** Returns the median of the values. */
  static double median(List<? extends Number> values) {
    List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("median of no values");
    }
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }

  /** Returns the median of nanosecond values, in milliseconds. */
  static double medianMillis(List<Long> nanos) {
    return median(nanos) / 1e6;
  }

  /** Deletes a folder and everything in it; a missing folder is fine. */
  static void deleteTree(Path root) throws IOException {
    // A coordinator that is still exiting may delete its own files during the walk, which then
    // fails on the vanished file: walking again sees the folder as it is now.
    for (int attempt = 1; ; attempt++) {
      if (!Files.exists(root)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
        return;
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof NoSuchFileException) || attempt == 3) {
          throw e.getCause();
        }
      }
    }
  }

  /**
   * Reads a process's resident set size from {@code /proc/<pid>/status} ({@code VmRSS}).
   *
   * @return the size in megabytes of 1,000,000 bytes
   */
  static double residentMegabytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        String kib = line.substring("VmRSS:".length()).replace("kB", "").trim();
        return Long.parseLong(kib) * 1024 / 1e6;
      }
    }
    throw new IOException("/proc/" + pid + "/status has no VmRSS line");
  }

  /** Returns the java binary of this JVM. */
  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
