package dev.sf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real sf project in a temporary folder: a git repository on branch {@code main} with {@code
 * .sf/preferences.yaml}, milestone files and a worker script, {@code tools/worker.sh}. The worker
 * runs {@code tools/<ID>.sh} from its worktree when that file exists, reports 0.25 USD and
 * completes.
 */
final class ProjectFixture {
  static final String WORKER = String.join("\n",
      "set -eu",
      "id=$1",
      "if [ -f \"tools/$id.sh\" ]; then . \"tools/$id.sh\"; fi",
      "echo '{\"sf\":\"cost\",\"total_usd\":0.25}'",
      "echo '{\"sf\":\"complete\"}'",
      "");

  final Path root;
  final Path home;

  private ProjectFixture(Path root, Path home) {
    this.root = root;
    this.home = home;
  }

  /**
   * Creates the project with the given preferences body (appended to {@code parallel.enabled:
   * true} and the worker settings).
   */
  static ProjectFixture create(Path temp, String preferences) {
    ProjectFixture fixture = new ProjectFixture(temp.resolve("project"), temp.resolve("home"));
    fixture.write("README.md", "hello\n");
    fixture.write("tools/worker.sh", WORKER);
    fixture.write(".sf/preferences.yaml", "parallel:\n  enabled: true\n  max_workers: 2\n"
        + preferences + "worker:\n  preset: sf-events\n"
        + "  command: [\"sh\", \"tools/worker.sh\", \"{milestone}\"]\n");
    try {
      Files.createDirectories(fixture.home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fixture.git("init", "-q", "-b", "main");
    fixture.git("config", "user.name", "Test User");
    fixture.git("config", "user.email", "test@example.com");
    return fixture;
  }

  /** Writes a milestone file with the given extra front matter lines. */
  ProjectFixture milestone(String id, String frontMatter) {
    return write(".sf/milestones/" + id + "/MILESTONE.md",
        "---\ntitle: Milestone " + id + "\n" + frontMatter + "---\n\nPlan of " + id + ".\n");
  }

  ProjectFixture write(String path, String content) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String read(String path) {
    try {
      return Files.readString(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ProjectFixture commitAll(String message) {
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return this;
  }

  /** Opens the project with a fast poll interval and an empty user preferences folder. */
  SfProject open() {
    return SfProject.open(root, ProjectOptions.builder().sfHome(home)
        .pollInterval(Duration.ofMillis(25)).build());
  }

  String git(String... args) {
    return gitIn(root, args);
  }

  /** Runs git in {@code dir} and returns its standard output; fails the test on an error. */
  static String gitIn(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      assertEquals(0, exit, "git " + String.join(" ", args) + " failed: " + out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
