package dev.sf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.model.PreferenceEntry.Source;
import dev.sf.errors.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesLoaderTest {

  @TempDir Path temp;
  private Path home;
  private Path project;

  @BeforeEach
  void createFolders() throws IOException {
    home = Files.createDirectories(temp.resolve("home"));
    project = Files.createDirectories(temp.resolve("project"));
  }

  private void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path userFile() {
    return home.resolve("preferences.yaml");
  }

  private Path projectFile() {
    return project.resolve(".sf/preferences.yaml");
  }

  @Test
  void returnsDefaultsWithoutFiles() {
    LoadedPreferences loaded = new PreferencesLoader(home).load(project);

    assertEquals(Preferences.defaults(), loaded.preferences());
    assertEquals(PreferencesLoader.keys().size(), loaded.entries().size());
    assertEquals(14, loaded.entries().size());
    assertTrue(loaded.entries().stream().allMatch(e -> e.source() == Source.DEFAULT));
    assertNull(loaded.entry("parallel.budget_ceiling").orElseThrow().value());
  }

  @Test
  void appliesLayersKeyByKey() throws IOException {
    write(userFile(), "parallel:\n  max_workers: 3\n  budget_ceiling: 20\nworker:\n"
        + "  preset: codex\n");
    write(projectFile(), "parallel:\n  enabled: true\n  max_workers: 4\n");

    LoadedPreferences loaded =
        new PreferencesLoader(home).load(project, Map.of("parallel.enabled", "false"));

    Preferences.Parallel parallel = loaded.preferences().parallel();
    assertEquals(4, parallel.maxWorkers());
    assertEquals(new BigDecimal("20"), parallel.budgetCeiling());
    assertEquals(false, parallel.enabled());
    assertEquals("codex", loaded.preferences().worker().preset());
    PreferenceEntry maxWorkers = loaded.entry("parallel.max_workers").orElseThrow();
    assertEquals(Source.PROJECT_FILE, maxWorkers.source());
    assertEquals(projectFile(), maxWorkers.file());
    assertEquals(3, maxWorkers.line());
    PreferenceEntry budget = loaded.entry("parallel.budget_ceiling").orElseThrow();
    assertEquals(Source.USER_FILE, budget.source());
    assertEquals(3, budget.line());
    PreferenceEntry enabled = loaded.entry("parallel.enabled").orElseThrow();
    assertEquals(Source.FLAG, enabled.source());
    assertNull(enabled.file());
    assertEquals(Source.DEFAULT, loaded.entry("parallel.auto_merge").orElseThrow().source());
  }

  @Test
  void readsEveryKey() throws IOException {
    write(projectFile(), String.join("\n",
        "parallel:",
        "  enabled: true",
        "  max_workers: 1",
        "  budget_ceiling: 12.50",
        "  merge_strategy: per-slice",
        "  auto_merge: manual",
        "  merge_style: merge",
        "worker:",
        "  preset: plain",
        "  command: [my-agent, --plan, \"{plan_file}\", 3]",
        "  output: sf-events",
        "  env: {DEBUG: 1, VERBOSE: true, NAME: x}",
        "  stop_grace_seconds: 0",
        "worktree:",
        "  copy: [\".env\", \"config/*.local\"]",
        "  setup: [npm, ci]",
        "  setup_timeout_seconds: 86400",
        "pricing:",
        "  gpt-5-codex: {input: 1.25, cached_input: 0.125, output: 10}",
        "  local: {input: 0, output: 0}",
        ""));

    Preferences preferences = new PreferencesLoader(home).load(project).preferences();

    assertEquals(
        new Preferences.Parallel(true, 1, new BigDecimal("12.50"), MergeStrategy.PER_SLICE,
            AutoMerge.MANUAL, MergeStyle.MERGE),
        preferences.parallel());
    assertEquals(
        new Preferences.WorkerSettings("plain", List.of("my-agent", "--plan", "{plan_file}", "3"),
            "sf-events", Map.of("DEBUG", "1", "VERBOSE", "true", "NAME", "x"), 0),
        preferences.worker());
    assertEquals(
        new Preferences.WorktreeSettings(List.of(".env", "config/*.local"), List.of("npm", "ci"),
            86_400),
        preferences.worktree());
    assertEquals(
        new Preferences.ModelPrice(new BigDecimal("1.25"), new BigDecimal("0.125"),
            new BigDecimal("10")),
        preferences.pricing().get("gpt-5-codex"));
  }

  @Test
  void defaultsCachedInputToInput() throws IOException {
    write(projectFile(), "pricing:\n  m1: {input: 2, output: 8}\n");

    Preferences.ModelPrice price =
        new PreferencesLoader(home).load(project).preferences().pricing().get("m1");

    assertEquals(new BigDecimal("2"), price.cachedInput());
  }

  @Test
  void replacesPricingPerModel() throws IOException {
    write(userFile(), "pricing:\n  a: {input: 1, output: 2}\n  b: {input: 3, output: 4}\n");
    write(projectFile(), "pricing:\n  b: {input: 5, output: 6}\n");

    LoadedPreferences loaded = new PreferencesLoader(home).load(project);

    assertEquals(Source.USER_FILE, loaded.entry("pricing.a").orElseThrow().source());
    assertEquals(Source.PROJECT_FILE, loaded.entry("pricing.b").orElseThrow().source());
    assertEquals(new BigDecimal("5"), loaded.preferences().pricing().get("b").input());
  }

  @Test
  void acceptsBomCrlfAndLinesStayRight() throws IOException {
    write(projectFile(), "\uFEFF# shared\r\nparallel:\r\n  enabled: true\r\n"
        + "  budget_ceiling: none\r\n");

    LoadedPreferences loaded = new PreferencesLoader(home).load(project);

    assertTrue(loaded.preferences().parallel().enabled());
    assertNull(loaded.preferences().parallel().budgetCeiling());
    assertEquals(3, loaded.entry("parallel.enabled").orElseThrow().line());
    assertEquals(4, loaded.entry("parallel.budget_ceiling").orElseThrow().line());
  }

  @Test
  void acceptsEmptyAndCommentOnlyFiles() throws IOException {
    write(userFile(), "");
    write(projectFile(), "# nothing yet\n");

    LoadedPreferences loaded = new PreferencesLoader(home).load(project);

    assertEquals(Preferences.defaults(), loaded.preferences());
  }

  @Test
  void acceptsTabInsideBlockScalar() throws IOException {
    write(projectFile(), "worker:\n  env:\n    NOTE: |\n      a\tb\n       \tc\n  preset: codex\n");

    Preferences preferences = new PreferencesLoader(home).load(project).preferences();

    assertEquals("a\tb\n \tc\n", preferences.worker().env().get("NOTE"));
  }

  @Test
  void acceptsEmptySection() throws IOException {
    write(projectFile(), "parallel:\nworker:\n  preset: aider\n");

    assertEquals("aider",
        new PreferencesLoader(home).load(project).preferences().worker().preset());
  }

  @Test
  void readsFlagValuesAsYaml() {
    LoadedPreferences loaded =
        new PreferencesLoader(home)
            .load(project, Map.of(
                "parallel.max_workers", "3",
                "worker.command", "[agent, --fast]",
                "parallel.budget_ceiling", "none",
                "pricing.m2", "{input: 1, output: 2}"));

    assertEquals(3, loaded.preferences().parallel().maxWorkers());
    assertEquals(List.of("agent", "--fast"), loaded.preferences().worker().command());
    assertNull(loaded.preferences().parallel().budgetCeiling());
    assertEquals(Source.FLAG, loaded.entry("pricing.m2").orElseThrow().source());
  }

  @Test
  void readsEmptyFlagAsNull() throws IOException {
    write(projectFile(), "parallel:\n  budget_ceiling: 10\nworker:\n  command: [a]\n");
    Map<String, String> flags = new HashMap<>();
    flags.put("parallel.budget_ceiling", null);
    flags.put("worker.command", "");

    Preferences preferences = new PreferencesLoader(home).load(project, flags).preferences();

    assertNull(preferences.parallel().budgetCeiling());
    assertEquals(List.of(), preferences.worker().command());
  }

  @Test
  void allowsHigherLimitAsOption() throws IOException {
    write(projectFile(), "parallel:\n  max_workers: 16\n");

    int workers =
        new PreferencesLoader(home).withMaxWorkersLimit(32).load(project).preferences()
            .parallel().maxWorkers();

    assertEquals(16, workers);
  }

  @Test
  void acceptsExtraOutputFormats() throws IOException {
    write(projectFile(), "worker:\n  output: my-format\n");

    String output =
        new PreferencesLoader(home).withExtraOutputFormats(List.of("my-format")).load(project)
            .preferences().worker().output();

    assertEquals("my-format", output);
  }

  @Test
  void collectsProblemsFromAllLayers() throws IOException {
    write(userFile(), "parallel:\n  max_workers: 0\n");
    write(projectFile(), "parallel:\n  auto_merge: never\n  merge_style: rebase\n");

    ConfigException error =
        assertThrows(ConfigException.class,
            () -> new PreferencesLoader(home).load(project, Map.of("worker.preset", "x")));

    assertEquals(4, error.problems().size());
    assertEquals(userFile(), error.problems().get(0).file());
    assertEquals("parallel.auto_merge", error.problems().get(1).key());
    assertEquals(3, error.problems().get(2).line());
    assertEquals(PreferencesLoader.COMMAND_LINE, error.problems().get(3).file());
  }

  @Test
  void listsProblemsInLineOrder() throws IOException {
    write(projectFile(), "parallel:\n  max_workers: 9\n  max_worker: 3\nworkr: {}\n");

    ConfigException error =
        assertThrows(ConfigException.class, () -> new PreferencesLoader(home).load(project));

    assertEquals(List.of(2, 3, 4), error.problems().stream().map(p -> p.line()).toList());
  }

  @Test
  void rejectsInvalidUtf8() throws IOException {
    Files.createDirectories(projectFile().getParent());
    Files.write(projectFile(), new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});

    ConfigException error =
        assertThrows(ConfigException.class, () -> new PreferencesLoader(home).load(project));

    assertTrue(error.getMessage().contains("not valid UTF-8"), error.getMessage());
  }

  @Test
  void takesUserFolderFromSfHome() {
    Path userHome = Path.of("/home/ada");

    assertEquals(Path.of("/opt/sf"),
        PreferencesLoader.userFolder(Map.of("SF_HOME", "/opt/sf"), userHome));
    assertEquals(Path.of("/home/ada/.sf"), PreferencesLoader.userFolder(Map.of(), userHome));
    assertEquals(Path.of("/home/ada/.sf"),
        PreferencesLoader.userFolder(Map.of("SF_HOME", " "), userHome));
  }
}
