package dev.sf.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds git repositories for the example tests with the git command line. */
final class TestRepos {
  /** The sample project of the demo, in this module. */
  static final Path SAMPLE_PROJECT =
      Path.of(System.getProperty("basedir", ""), "sample-project").toAbsolutePath();

  private TestRepos() {}

  /** Copies the sample project to {@code target} and commits it on a new branch {@code main}. */
  static Path sampleProject(Path target) throws Exception {
    copyTree(SAMPLE_PROJECT, target);
    initAndCommit(target);
    return target;
  }

  /** Turns {@code folder} into a repository on {@code main} with everything in one commit. */
  static void initAndCommit(Path folder) throws Exception {
    git(folder, "init", "--quiet", "-b", "main");
    git(folder, "add", "--all");
    git(folder, "commit", "--quiet", "-m", "Import the project");
  }

  /** Runs git with a fixed identity and returns its trimmed output. Fails on a non-zero exit. */
  static String git(Path dir, String... args) throws Exception {
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

  static void copyTree(Path source, Path target) throws IOException {
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
}
