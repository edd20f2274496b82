package dev.sf.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link EmbeddingExample}'s {@code main} in its own JVM against a copy of the sample
 * project, the way a user would start it, and checks what it printed and what it merged.
 */
class EmbeddingExampleTest {
  private static final List<String> MILESTONES = List.of("M001", "M002", "M003", "M004");

  @TempDir Path temp;

  @Test
  void mergesEveryMilestoneAndReportsTotalCost() throws Exception {
    Path project = TestRepos.sampleProject(temp.resolve("sample project"));

    Result result = runMain(project.toString(), "SF_DEMO_SLICE_SECONDS=0");

    assertEquals(0, result.exitCode(), result.describe());
    assertEquals("queue M001: eligible", result.lines().get(0), result.describe());
    assertEquals("queue M003: blocked by M001", result.lines().get(2), result.describe());
    for (String id : MILESTONES) {
      assertTrue(result.lines().contains("milestone " + id + " merged " + cost(id) + " USD"),
          id + ": " + result.describe());
      assertTrue(result.lines().contains("event " + id + " merged"), id + ": "
          + result.describe());
      assertTrue(result.lines().stream().anyMatch(line -> line.startsWith("launch " + id + ": ")
          && line.endsWith(" with [SF_DEMO_SLICE_SECONDS]")), id + ": " + result.describe());
    }
    assertTrue(result.lines().contains("total 1.18 USD, exit code 0"), result.describe());
    assertTrue(Files.exists(project.resolve("src/routes/search-route.js")));
    assertEquals("main", TestRepos.git(project, "symbolic-ref", "--short", "HEAD"));
  }

  @Test
  void rejectsMalformedEnvironmentArgument() throws Exception {
    Path project = TestRepos.sampleProject(temp.resolve("sample"));

    Result result = runMain(project.toString(), "NOEQUALS");

    assertEquals(2, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("Invalid environment variable 'NOEQUALS'"),
        result.describe());
    assertEquals("", TestRepos.git(project, "branch", "--list", "milestone/*"));
  }

  /** The sample worker charges 0.10 USD plus 0.01 USD per slice number, for each slice. */
  private static String cost(String milestone) {
    return switch (milestone) {
      case "M001" -> "0.36";
      case "M002" -> "0.23";
      case "M003" -> "0.23";
      default -> "0.36";
    };
  }

  private Result runMain(String... args) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", classpath,
        EmbeddingExample.class.getName()));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(temp, "example", ".out");
    Path stderr = Files.createTempFile(temp, "example", ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SF_")
        || name.startsWith("GIT_"));
    builder.environment().put("SF_HOME", temp.resolve("sf-home").toString());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("EmbeddingExample did not exit within 120 seconds");
    }
    return new Result(process.exitValue(), Files.readAllLines(stdout), Files.readString(stderr));
  }

  private record Result(int exitCode, List<String> lines, String stderr) {
    String describe() {
      return "exit " + exitCode + "\nstdout:\n" + String.join("\n", lines) + "\nstderr:\n"
          + stderr;
    }
  }
}
