package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code sf parallel start} on projects it cannot run: each exits with 2, prints one line on
 * standard error, and writes nothing under .sf/parallel.
 */
class BadInputTest {
  @TempDir
  Path temp;

  @Test
  void startOutsideGitRepositoryExitsTwo() {
    Path folder = temp.resolve("plain folder");
    CliProcess.Result result = startIn(folder);

    assertUsageError(result, "not inside a git repository");
    assertFalse(Files.exists(folder.resolve(".sf")), "created .sf in " + folder);
  }

  @Test
  void startWithParallelDisabledExitsTwo() throws IOException {
    TestProject project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"),
        "manual", List.of("M001"));
    project.write(".sf/preferences.yaml", TestProject.preferences("manual", 2, 5)
        .replace("enabled: true", "enabled: false"));

    CliProcess.Result result = startIn(project.root);

    assertUsageError(result, "parallel.enabled is false");
    assertFalse(Files.exists(project.root.resolve(".sf/parallel")), "created .sf/parallel");
  }

  @Test
  void startWithoutMilestonesExitsTwo() throws IOException {
    TestProject project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"),
        "manual", List.of());

    CliProcess.Result result = startIn(project.root);

    assertUsageError(result, "no milestones");
    assertFalse(Files.exists(project.root.resolve(".sf/parallel")), "created .sf/parallel");
  }

  private CliProcess.Result startIn(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new CliProcess(temp.resolve("home"))
        .run("-C", folder.toString(), "parallel", "start", "--yes");
  }

  private static void assertUsageError(CliProcess.Result result, String expected) {
    assertEquals(2, result.exitCode(), result.show());
    List<String> lines = result.err().lines().toList();
    assertEquals(1, lines.size(), result.show());
    assertTrue(lines.get(0).startsWith("sf: "), result.show());
    assertTrue(lines.get(0).toLowerCase().contains(expected), result.show());
  }
}
