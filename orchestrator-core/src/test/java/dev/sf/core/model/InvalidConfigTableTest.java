package dev.sf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sf.errors.ConfigException;
import dev.sf.errors.ConfigException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid preferences, flags and milestone files, one per row: each must produce a problem that
 * names the file, the line and what is wrong.
 */
public class InvalidConfigTableTest {

  private static final String USER = "home/preferences.yaml";
  private static final String PROJECT = "project/.sf/preferences.yaml";
  private static final String FLAG = "flag:";
  private static final String BOM = "\uFEFF";

  @TempDir Path temp;

  private static String milestone(String id) {
    return "project/.sf/milestones/" + id + "/MILESTONE.md";
  }

  private static Arguments row(
      String name, Map<String, String> files, String file, int line, String message) {
    return Arguments.of(name, files, file, line, message);
  }

  private static Arguments prefs(String name, String yaml, int line, String message) {
    return row(name, Map.of(PROJECT, yaml), PROJECT, line, message);
  }

  private static Arguments front(String name, String content, int line, String message) {
    return row(name, Map.of(milestone("M001"), content), milestone("M001"), line, message);
  }

  public static Stream<Arguments> cases() {
    return Stream.of(
        prefs("malformed flow list", "parallel:\n  max_workers: [1, 2\n  enabled: true\n", 3,
            "Invalid YAML"),
        prefs("malformed mapping", "parallel:\n  enabled: true\n  max_workers: 2: 3\n", 3,
            "Invalid YAML"),
        prefs("tab indentation", "parallel:\n\tmax_workers: 2\n", 2, "indented with a tab"),
        row("tab in user file", Map.of(USER, "worker:\n  preset: codex\n\tcommand: [x]\n"), USER,
            3, "indented with a tab"),
        prefs("max_workers two", "parallel:\n  max_workers: \"two\"\n", 2,
            "parallel.max_workers: expected an integer from 1 to 4, got \"two\""),
        prefs("max_workers zero", "parallel:\n  max_workers: 0\n", 2,
            "expected an integer from 1 to 4, got \"0\""),
        prefs("max_workers five", "parallel:\n  enabled: true\n  max_workers: 5\n", 3,
            "expected an integer from 1 to 4, got \"5\""),
        prefs("max_workers fraction", "parallel:\n  max_workers: 2.5\n", 2,
            "expected an integer from 1 to 4"),
        prefs("negative budget", "parallel:\n  budget_ceiling: -1\n", 2,
            "parallel.budget_ceiling: expected a non-negative number of USD or none"),
        prefs("non-numeric budget", "parallel:\n  budget_ceiling: \"$50\"\n", 2,
            "got \"$50\""),
        prefs("unknown merge_strategy", "parallel:\n  merge_strategy: per-task\n", 2,
            "expected one of per-milestone, per-slice, got \"per-task\""),
        prefs("unknown auto_merge", "parallel:\n  auto_merge: always\n", 2,
            "expected one of auto, confirm, manual"),
        prefs("unknown merge_style", "parallel:\n  merge_style: rebase\n", 2,
            "expected one of squash, merge"),
        prefs("enabled not a boolean", "parallel:\n  enabled: maybe\n", 2,
            "expected true or false, got \"maybe\""),
        prefs("misspelt key", "parallel:\n  enabled: true\n  max_worker: 3\n", 3,
            "Did you mean \"parallel.max_workers\"?"),
        prefs("misspelt section", "paralel:\n  enabled: true\n", 1,
            "Did you mean \"parallel\"?"),
        prefs("key in wrong section", "max_workers: 3\n", 1,
            "Did you mean \"parallel.max_workers\"?"),
        prefs("top level is a list", "- parallel\n- worker\n", 1,
            "The top level: expected a map"),
        prefs("top level is a scalar", "just text\n", 1, "got \"just text\""),
        prefs("section is a number", "parallel: 3\n", 1, "parallel: expected a map"),
        prefs("unknown preset", "worker:\n  preset: claude\n", 2,
            "Did you mean \"claude-code\"?"),
        prefs("command as string", "worker:\n  command: my-agent --fast\n", 2,
            "expected a list of strings, got \"my-agent --fast\""),
        prefs("unknown output format", "worker:\n  output: json\n", 2,
            "worker.output: expected one of sf-events"),
        prefs("env is a list", "worker:\n  env: [A, B]\n", 2,
            "worker.env: expected a map of keys to values, got a list"),
        prefs("env value is a map", "worker:\n  env:\n    A: {b: c}\n", 3,
            "worker.env.A: expected a string, got a map"),
        prefs("negative grace", "worker:\n  stop_grace_seconds: -1\n", 2,
            "expected an integer from 0 to 3600"),
        prefs("zero setup timeout", "worktree:\n  setup_timeout_seconds: 0\n", 2,
            "expected an integer from 1 to 86400"),
        prefs("invalid copy glob", "worktree:\n  copy:\n    - \".env\"\n    - \"[abc\"\n", 4,
            "invalid glob \"[abc\""),
        prefs("price without output", "pricing:\n  gpt-5:\n    input: 1.25\n", 3,
            "pricing.gpt-5: missing \"output\""),
        prefs("negative price", "pricing:\n  gpt-5: {input: -1, output: 10}\n", 2,
            "pricing.gpt-5.input: expected a non-negative number"),
        prefs("misspelt price key", "pricing:\n  gpt-5:\n    input: 1\n    output: 2\n"
            + "    cache_input: 0.1\n", 5, "Did you mean \"pricing.gpt-5.cached_input\"?"),
        prefs("duplicate key", "parallel:\n  max_workers: 2\n  max_workers: 3\n", 3,
            "is set twice (first on line 2)"),
        prefs("error after CRLF", "parallel:\r\n  enabled: true\r\n  max_workers: 9\r\n", 3,
            "got \"9\""),
        prefs("error after BOM", BOM + "parallel:\n  max_workers: 0\n", 2, "got \"0\""),
        prefs("error after BOM and CRLF",
            BOM + "# team defaults\r\n\r\nparallel:\r\n  auto_merge: sometimes\r\n", 4,
            "got \"sometimes\""),
        row("flag out of range", Map.of(FLAG + "parallel.max_workers", "5"), "command line", 0,
            "expected an integer from 1 to 4, got \"5\""),
        row("flag with unknown key", Map.of(FLAG + "parallel.max_worker", "3"), "command line",
            0, "Did you mean \"parallel.max_workers\"?"),
        row("folder with space", Map.of("project/.sf/milestones/a b/MILESTONE.md", "x"),
            "project/.sf/milestones/a b", 0, "\"a b\" is not a valid id"),
        row("folder starting with dash", Map.of("project/.sf/milestones/-x/MILESTONE.md", "x"),
            "project/.sf/milestones/-x", 0, "\"-x\" is not a valid id"),
        row("folder starting with dot", Map.of("project/.sf/milestones/..x/MILESTONE.md", "x"),
            "project/.sf/milestones/..x", 0, "\"..x\" is not a valid id"),
        row("folder without milestone file",
            Map.of("project/.sf/milestones/M002/notes.md", "x"),
            "project/.sf/milestones/M002/MILESTONE.md", 0, "has no MILESTONE.md"),
        front("unclosed front matter", "---\ntitle: Payments\n\n# Plan\n", 1, "is not closed"),
        front("malformed front matter", "---\ntitle: Payments\nfiles: [a\n---\nplan\n", 4,
            "Invalid YAML"),
        front("tab in front matter", "---\ntitle: Payments\nslices:\n\t- {id: S01}\n---\n", 4,
            "indented with a tab"),
        front("misspelt front matter key", "---\ntitle: x\ndepend_on: [M002]\n---\n", 3,
            "Did you mean \"depends_on\"?"),
        front("both dependency spellings",
            "---\ndepends_on: [M002]\ndependsOn: [M003]\n---\n", 3,
            "Both \"depends_on\" and \"dependsOn\" are set"),
        front("dependency path id", "---\ndepends_on:\n  - \"../x\"\n---\n", 3,
            "depends on \"../x\", which does not exist"),
        front("unknown dependency", "---\ntitle: a\ndepends_on: [M009]\n---\n", 3,
            "depends on \"M009\", which does not exist"),
        front("self dependency", "---\ndepends_on: [M001]\n---\n", 2, "depends on itself"),
        front("duplicate slice ids",
            "---\nslices:\n  - {id: S01, title: A}\n  - {id: s01, title: B}\n---\n", 4,
            "Slice id \"s01\" is used twice (first on line 3"),
        front("invalid slice id", "---\nslices:\n  - {id: \"S 1\"}\n---\n", 3,
            "Slice id \"S 1\" is invalid"),
        front("slice not a map", "---\nslices:\n  - S01\n---\n", 3,
            "expected a map such as {id: S01, title: Data model}"),
        front("worker override out of range",
            "---\nworker:\n  preset: codex\n  stop_grace_seconds: 99999\n---\n", 4,
            "worker.stop_grace_seconds: expected an integer from 0 to 3600"),
        front("title is a list", "---\ntitle: [a, b]\n---\n", 2, "title: expected a non-empty"),
        front("files is a map", "---\nfiles: {a: b}\n---\n", 2,
            "files: expected a list of strings, got a map"),
        front("front matter is a list", "---\n- a\n- b\n---\n", 2, "expected a map"),
        front("CRLF front matter", "---\r\ntitle: a\r\nfiles: 3: 4\r\n---\r\nplan\r\n", 3,
            "Invalid YAML"),
        front("BOM front matter", BOM + "---\ntitle: a\nworker:\n  output: xml\n---\n", 4,
            "worker.output: expected one of"),
        row("ids differing in case",
            Map.of(milestone("M001"), "plan", "project/.sf/milestones/m001/MILESTONE.md", "plan"),
            "project/.sf/milestones/m001", 0, "differs from \"M001\" only in case"),
        row("two-milestone cycle",
            Map.of(milestone("M002"), "---\ndepends_on: [M005]\n---\n",
                milestone("M005"), "---\ntitle: x\ndepends_on: [M002]\n---\n"),
            milestone("M002"), 2, "Dependency cycle: M002 → M005 → M002"),
        row("three-milestone cycle",
            Map.of(milestone("M001"), "---\ndepends_on: [M003]\n---\n",
                milestone("M002"), "---\ndepends_on: [M001]\n---\n",
                milestone("M003"), "---\ndepends_on:\n  - M002\n---\n"),
            milestone("M001"), 2, "Dependency cycle: M001 → M003 → M002 → M001"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsFileLineAndMessage(
      String name, Map<String, String> files, String file, int line, String message)
      throws IOException {
    Map<String, String> flags = new LinkedHashMap<>();
    boolean milestones = false;
    for (Map.Entry<String, String> entry : files.entrySet()) {
      if (entry.getKey().startsWith(FLAG)) {
        flags.put(entry.getKey().substring(FLAG.length()), entry.getValue());
        continue;
      }
      milestones |= entry.getKey().contains("/milestones/");
      Path path = temp.resolve(entry.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, entry.getValue().getBytes(StandardCharsets.UTF_8));
    }
    Files.createDirectories(temp.resolve("project"));
    Path project = temp.resolve("project");
    boolean loadMilestones = milestones;
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () -> {
              if (loadMilestones) {
                new MilestoneLoader().load(project);
              } else {
                new PreferencesLoader(temp.resolve("home")).load(project, flags);
              }
            });

    Path expectedFile = file.equals("command line") ? Path.of(file) : temp.resolve(file);
    for (Problem problem : error.problems()) {
      if (problem.file().equals(expectedFile) && problem.message().contains(message)) {
        assertEquals(line, problem.line(), "line of " + problem);
        assertTrue(problem.message().endsWith(".") || problem.message().endsWith("?"),
            "message is a sentence: " + problem.message());
        return;
      }
    }
    fail("No problem in " + expectedFile + " containing '" + message + "'; got:\n" + error
        .getMessage());
  }
}
