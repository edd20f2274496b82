package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.model.InvalidConfigTableTest;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs {@code sf parallel start --yes} on every invalid preferences and milestone file of the
 * model's table: each must exit with 2, print the file, the line and the problem, and leave
 * {@code .sf/parallel} and {@code .sf/worktrees} untouched.
 */
class InvalidConfigCliTest {
  private static final String FLAG = "flag:";
  private static final String VALID_PREFERENCES = "parallel:\n  enabled: true\nworker:\n"
      + "  preset: sf-events\n  command: [\"sh\", \"worker.sh\"]\n";
  private static final String VALID_MILESTONE = "---\ntitle: Valid\n---\nPlan.\n";

  @TempDir
  Path temp;

  private Path project;

  @BeforeEach
  void pointUserPreferencesAtTempFolder() {
    System.setProperty(SfCommand.SF_HOME_PROPERTY, temp.resolve("home").toString());
  }

  @AfterEach
  void restoreUserPreferences() {
    System.clearProperty(SfCommand.SF_HOME_PROPERTY);
  }

  static Stream<Arguments> cases() {
    return InvalidConfigTableTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void startRejectsWithFileLineAndExitTwo(String name, Map<String, String> files, String file,
      int line, String message) throws Exception {
    project = temp.resolve("project");
    Files.createDirectories(project);
    git("init", "-q", "-b", "main");
    List<String> args = new ArrayList<>(List.of("-C", project.toString()));
    List<String> flags = new ArrayList<>();
    boolean milestoneRow = false;
    boolean preferencesRow = false;
    for (Map.Entry<String, String> entry : files.entrySet()) {
      if (entry.getKey().startsWith(FLAG)) {
        flags.add(entry.getKey().substring(FLAG.length()) + "=" + entry.getValue());
        continue;
      }
      milestoneRow |= entry.getKey().contains("/milestones/");
      preferencesRow |= entry.getKey().endsWith("preferences.yaml");
      Path path = temp.resolve(entry.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, entry.getValue().getBytes(StandardCharsets.UTF_8));
    }
    if (!preferencesRow) {
      write(".sf/preferences.yaml", VALID_PREFERENCES);
    }
    if (!milestoneRow) {
      write(".sf/milestones/M900/MILESTONE.md", VALID_MILESTONE);
    }
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x");
    if (flags.isEmpty()) {
      args.addAll(List.of("parallel", "start", "--yes"));
    } else {
      args.add("preferences");
      for (String flag : flags) {
        args.addAll(List.of("--set", flag));
      }
    }
    StringWriter err = new StringWriter();
    CommandLine commandLine = SfCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(err, true));

    int exitCode = commandLine.execute(args.toArray(String[]::new));

    String errors = err.toString();
    assertEquals(2, exitCode, errors);
    String where = file.equals("command line") ? "command line"
        : temp.resolve(file) + (line > 0 ? ":" + line : "");
    assertTrue(errors.contains(where), () -> "expected '" + where + "' in:\n" + errors);
    assertTrue(errors.contains(message), () -> "expected '" + message + "' in:\n" + errors);
    assertFalse(Files.exists(project.resolve(".sf/parallel")), ".sf/parallel was created");
    assertFalse(Files.exists(project.resolve(".sf/worktrees")), ".sf/worktrees was created");
  }

  private void write(String relative, String content) throws IOException {
    Path path = project.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  private void git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", project.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
  }
}
