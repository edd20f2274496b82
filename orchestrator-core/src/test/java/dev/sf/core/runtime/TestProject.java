package dev.sf.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sf.api.ProjectOptions;
import dev.sf.api.SfProject;
import dev.sf.core.process.DefaultWorkerLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A project in a temporary folder for runtime tests: a git repository on {@code main} with
 * {@code .sf/preferences.yaml}, milestone files and a committed {@code worker.sh} that runs
 * {@code scripts/<ID>.sh} from outside the repository. Each test writes the script of each
 * milestone, so workers can behave differently without touching the repository.
 */
final class TestProject {
  /**
   * A worker that marks its start, forks a looping child, prints a tick every 50 ms until the
   * test creates {@code $SF_TEST_MARKS/<ID>.finish}, then reports its cost and completion.
   */
  static final String RUN_UNTIL_FINISHED = """
      touch "$SF_TEST_MARKS/$1.started"
      echo '{"sf":"progress","message":"working"}'
      sh -c 'while :; do sleep 0.1; done' &
      while [ ! -f "$SF_TEST_MARKS/$1.finish" ]; do echo tick; sleep 0.05; done
      echo '{"sf":"cost","total_usd":0.25}'
      echo '{"sf":"slice","id":"S01","state":"done"}'
      echo '{"sf":"complete"}'
      """;

  /** A worker that completes at once. */
  static final String COMPLETE_AT_ONCE = """
      echo '{"sf":"cost","total_usd":0.1}'
      echo '{"sf":"complete"}'
      """;

  final Path root;
  final Path scripts;
  final Path home;
  final Path marks;
  private final List<String> ids = new ArrayList<>();

  private TestProject(Path folder) throws IOException {
    this.root = Files.createDirectories(folder.resolve("project"));
    this.scripts = Files.createDirectories(folder.resolve("scripts"));
    this.home = Files.createDirectories(folder.resolve("home"));
    this.marks = Files.createDirectories(folder.resolve("marks"));
  }

  /**
   * Creates the repository with its preferences; add milestones, then call {@link #commit()}.
   *
   * @param folder a temporary folder
   * @param maxWorkers {@code parallel.max_workers}
   * @param ceiling {@code parallel.budget_ceiling}, or null for none
   */
  static TestProject create(Path folder, int maxWorkers, String ceiling) throws IOException {
    TestProject project = new TestProject(folder);
    git(project.root, "init", "-q", "-b", "main");
    String preferences = "parallel: {enabled: true, max_workers: " + maxWorkers
        + (ceiling == null ? "" : ", budget_ceiling: " + ceiling) + ", auto_merge: auto}\n"
        + "worker:\n"
        + "  preset: sf-events\n"
        + "  command: [\"sh\", \"worker.sh\", \"{milestone}\"]\n"
        + "  stop_grace_seconds: 5\n"
        + "  env: {SF_TEST_SCRIPTS: \"" + project.scripts + "\", SF_TEST_MARKS: \""
        + project.marks + "\"}\n";
    write(project.root.resolve(".sf/preferences.yaml"), preferences);
    write(project.root.resolve("worker.sh"), "exec sh \"$SF_TEST_SCRIPTS/$1.sh\" \"$1\"\n");
    write(project.root.resolve("README.md"), "A project for runtime tests.\n");
    return project;
  }

  /** Adds a milestone with extra front matter lines (may be empty) and a script. */
  TestProject milestone(String id, String frontMatter, String script) throws IOException {
    write(root.resolve(".sf/milestones/" + id + "/MILESTONE.md"), "---\ntitle: Milestone "
        + id + "\n" + frontMatter + "---\n\nPlan of " + id + ".\n");
    script(id, script);
    ids.add(id);
    return this;
  }

  /** Replaces the script a milestone's worker runs. */
  void script(String id, String body) throws IOException {
    write(scripts.resolve(id + ".sh"), body);
  }

  /** Commits everything on {@code main}. */
  TestProject commit() {
    git(root, "add", "-A");
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q",
        "-m", "Plan milestones " + ids);
    return this;
  }

  /** Opens the project through the public API, never reading the user's own preferences. */
  SfProject open() {
    return SfProject.open(root, ProjectOptions.builder().sfHome(home).build());
  }

  /** Opens the project as the runtime sees it, for tests that spawn actors themselves. */
  ProjectSession session() {
    return new ProjectSession(root, home, Map.of(), new DefaultWorkerLauncher(), List.of(), 4,
        Duration.ofMillis(25));
  }

  /** Builds the collaborators a coordinator or worker actor needs. */
  static RuntimeServices services(ProjectSession session, Executor blocking,
      Consumer<RuntimeEvent> events) {
    session.git().ensureRuntimeExcludes();
    return new RuntimeServices(session.root(), "main", session.preferences().preferences(),
        session.milestones(), session.git(), session.launcher(), session.formats(),
        session.store(), blocking, Duration.ofMillis(25), MergeConfirmer.NOBODY, events);
  }

  /** Returns the path of a marker file that scripts create as {@code $SF_TEST_MARKS/<name>}. */
  Path mark(String name) {
    return marks.resolve(name);
  }

  /** Returns the worker output log of a milestone. */
  Path log(String id) {
    return root.resolve(".sf/parallel").resolve("logs").resolve(id + ".log");
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Runs git in a folder and fails the test when it fails. */
  static String git(Path folder, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(argv).directory(folder.toFile())
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor(), () -> "git " + List.of(args) + " failed: " + output);
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run git " + List.of(args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running git " + List.of(args), e);
    }
  }
}
