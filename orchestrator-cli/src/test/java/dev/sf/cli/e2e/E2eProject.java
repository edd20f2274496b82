package dev.sf.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sf.cli.SfCommand;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A real git repository with an {@code .sf/} folder for end-to-end tests, and ways to run the
 * {@code sf} command on it: in this JVM with captured writers, or as a separate Java process with
 * an environment of its own (needed when the worker must find a fake agent on {@code PATH}).
 */
final class E2eProject {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The exit code and captured output of one {@code sf} command. */
  record Result(int exitCode, String out, String err) {
    /** Returns the output of both streams, for assertion messages. */
    String both() {
      return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }

    /** Parses standard output as JSON. */
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  final Path root;

  private E2eProject(Path root) {
    this.root = root;
  }

  /** Creates a repository on branch main with a README and the given preferences, committed. */
  static E2eProject create(Path root, String preferences) throws Exception {
    Files.createDirectories(root);
    E2eProject project = new E2eProject(root);
    project.git("init", "-q", "-b", "main");
    project.git("config", "user.name", "Test User");
    project.git("config", "user.email", "test@example.com");
    project.git("config", "commit.gpgsign", "false");
    project.write("README.md", "# Test project\n");
    project.write(".sf/preferences.yaml", preferences);
    return project;
  }

  /** Writes a milestone file with the given dependencies and slice ids. */
  E2eProject milestone(String id, String title, List<String> dependsOn, List<String> slices)
      throws IOException {
    StringBuilder text = new StringBuilder("---\ntitle: ").append(title).append('\n');
    text.append("depends_on: [").append(String.join(", ", dependsOn)).append("]\n");
    if (!slices.isEmpty()) {
      text.append("slices:\n");
      for (String slice : slices) {
        text.append("  - {id: ").append(slice).append(", title: Slice ").append(slice)
            .append("}\n");
      }
    }
    text.append("---\n\n# ").append(title).append("\n\nDo the work of ").append(id).append(".\n");
    write(".sf/milestones/" + id + "/MILESTONE.md", text.toString());
    return this;
  }

  /** Writes a file under the project root, creating folders. */
  Path write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** Stages everything and commits it on the current branch. */
  void commitAll(String message) throws Exception {
    git("add", "-A");
    git("commit", "-q", "-m", message);
  }

  /** Runs git in the project root and returns its standard output; fails on a non-zero exit. */
  String git(String... args) throws Exception {
    return gitIn(root, args);
  }

  /** Runs git in the project root for an assertion message; returns its error on failure. */
  String gitQuiet(String... args) {
    try {
      return git(args);
    } catch (Exception | AssertionError e) {
      return e.toString();
    }
  }

  /** Runs git in a folder and returns its standard output; fails on a non-zero exit. */
  static String gitIn(Path folder, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "git " + args[0] + " did not end");
    assertEquals(0, process.exitValue(), () -> "git " + String.join(" ", args) + ":\n" + text);
    return text;
  }

  /** Returns whether {@code git rev-parse --verify} finds the ref. */
  boolean refExists(String ref) throws Exception {
    Process process = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--verify",
        "-q", ref).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    return process.exitValue() == 0;
  }

  /** Runs {@code sf -C ROOT ARGS} in this JVM with captured output. */
  Result sf(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = SfCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> argv = new ArrayList<>(List.of("-C", root.toString()));
    argv.addAll(List.of(args));
    int code = commandLine.execute(argv.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Runs {@code sf -C ROOT ARGS} as a separate Java process on this JVM's class path, with extra
   * environment variables; {@code PATH} in {@code env} replaces the inherited one.
   */
  Result sfProcess(Map<String, String> env, String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), "dev.sf.cli.Main", "-C", root.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(root.getParent(), "sf-out", ".txt");
    Path err = Files.createTempFile(root.getParent(), "sf-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("SF_HOME", root.getParent().resolve("sf-home").toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertTrue(ended, () -> "sf " + String.join(" ", args) + " did not end in 90 s");
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Returns {@code PATH} with a folder in front. */
  static String pathWithFirst(Path folder) {
    return folder + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
  }

  /** Reads a JSON file. */
  static JsonNode readJson(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  /** Returns the status entry of one milestone from {@code sf parallel status --json}. */
  JsonNode statusOf(String id) throws IOException {
    Result status = sf("parallel", "status", "--json");
    assertEquals(0, status.exitCode(), status::both);
    for (JsonNode milestone : status.json().path("milestones")) {
      if (id.equals(milestone.path("id").asText())) {
        return milestone;
      }
    }
    throw new AssertionError("status has no milestone " + id + ":\n" + status.out());
  }

  /** Returns the linked worktree folders that git lists, the project root excluded. */
  List<String> linkedWorktrees() throws Exception {
    List<String> folders = new ArrayList<>();
    for (String line : git("worktree", "list", "--porcelain").lines().toList()) {
      if (line.startsWith("worktree ") && !Path.of(line.substring(9)).equals(root.toRealPath())) {
        folders.add(line.substring(9));
      }
    }
    return folders;
  }
}
