package dev.sf.core.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real sf project in a temporary folder: a git repository on {@code main} with preferences,
 * independent milestones {@code M001..} of three slices each, and a worker script that, per
 * slice, writes and commits one file and reports a cost delta of 0.01 USD in sf-events. A
 * worker that finds an uncommitted {@code draft.txt} in its worktree reports it in a progress
 * event.
 */
public final class ProjectFixture {
  /** The cost delta each slice reports, in USD. */
  public static final String SLICE_COST = "0.01";

  private final Path root;

  private ProjectFixture(Path root) {
    this.root = root;
  }

  /**
   * Creates the project.
   *
   * @param dir an empty folder
   * @param milestones how many milestones to plan
   * @param sliceSeconds how long the worker sleeps in each slice, as an sh {@code sleep} argument
   */
  public static ProjectFixture create(Path dir, int milestones, String sliceSeconds) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProjectFixture project = new ProjectFixture(dir);
    project.git("init", "-q", "-b", "main");
    project.git("config", "user.name", "Test User");
    project.git("config", "user.email", "test@example.com");
    project.write("README.md", "hello\n");
    project.write("tools/worker.sh", workerScript(sliceSeconds));
    project.write(".sf/preferences.yaml", String.join("\n",
        "parallel:",
        "  enabled: true",
        "  max_workers: 4",
        "  auto_merge: auto",
        "worker:",
        "  command: [\"sh\", \"" + dir.resolve("tools/worker.sh") + "\", \"{milestone}\"]",
        "  output: sf-events",
        "  stop_grace_seconds: 1",
        ""));
    for (int i = 1; i <= milestones; i++) {
      project.milestone(String.format("M%03d", i));
    }
    project.git("add", "-A");
    project.git("commit", "-q", "-m", "Plan the milestones");
    return project;
  }

  /** Writes the plan of one milestone with three slices; it is not committed. */
  public ProjectFixture milestone(String id) {
    return write(".sf/milestones/" + id + "/MILESTONE.md", String.join("\n",
        "---",
        "title: Milestone " + id,
        "slices:",
        "  - {id: S01, title: First}",
        "  - {id: S02, title: Second}",
        "  - {id: S03, title: Third}",
        "---",
        "Write three files.",
        ""));
  }

  private static String workerScript(String sliceSeconds) {
    return String.join("\n",
        "set -eu",
        "m=$1",
        "if [ -f draft.txt ]; then",
        "  printf '{\"sf\":\"progress\",\"message\":\"found draft.txt\"}\\n'",
        "fi",
        "for s in 1 2 3; do",
        "  printf '{\"sf\":\"slice\",\"id\":\"S0%s\",\"state\":\"started\"}\\n' \"$s\"",
        "  sleep " + sliceSeconds,
        "  printf 'slice %s of %s\\n' \"$s\" \"$m\" > \"work-$m-$s.txt\"",
        "  git add \"work-$m-$s.txt\"",
        "  git commit -q -m \"$m: slice $s\" >/dev/null 2>&1 || true",
        "  printf '{\"sf\":\"cost\",\"delta_usd\":" + SLICE_COST + "}\\n'",
        "  printf '{\"sf\":\"slice\",\"id\":\"S0%s\",\"state\":\"done\"}\\n' \"$s\"",
        "done",
        "printf '{\"sf\":\"complete\"}\\n'",
        "");
  }

  /** Returns the project root. */
  public Path root() {
    return root;
  }

  /** Writes a file under the root, creating folders. */
  public ProjectFixture write(String path, String content) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs git in the root; fails with git's output on a non-zero exit code. */
  public String git(String... args) {
    return gitIn(root, args);
  }

  /** Runs git in a folder; fails with git's output on a non-zero exit code. */
  public static String gitIn(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
