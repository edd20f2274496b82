package dev.sf.core.process.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.model.Milestone;
import dev.sf.core.model.Preferences.WorkerSettings;
import dev.sf.errors.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerPresetsTest {

  private static final Path WORKTREE = Path.of("/p/.sf/worktrees/M001");
  private static final Path PLAN = WORKTREE.resolve(".sf/milestones/M001/MILESTONE.md");
  private static final String PROMPT = "Carry out milestone M001 (Payment API) in this worktree,"
      + " /p/.sf/worktrees/M001. Its plan is in /p/.sf/worktrees/M001/.sf/milestones/M001/"
      + "MILESTONE.md: read that file first and follow it.";

  private static Milestone milestone(Map<String, Object> overrides) {
    return new Milestone("M001", "Payment API", List.of(), List.of(), List.of(), overrides,
        "Build it.", Path.of("/p/.sf/milestones/M001/MILESTONE.md"));
  }

  private static WorkerSettings settings(String preset, List<String> command, String output) {
    return new WorkerSettings(preset, command, output, Map.of("LOG_LEVEL", "debug"), 10);
  }

  private static ResolvedWorker resolve(WorkerSettings settings, Map<String, Object> overrides) {
    return WorkerPresets.resolve(settings, overrides, milestone(overrides), WORKTREE, PLAN);
  }

  @Test
  void claudeCodePresetPassesPromptNamingPlan() {
    ResolvedWorker worker = resolve(settings("claude-code", List.of(), null), Map.of());

    assertEquals(List.of("claude", "-p", PROMPT, "--output-format", "stream-json", "--verbose",
        "--permission-mode", "acceptEdits"), worker.command());
    assertEquals("claude-stream-json", worker.outputFormat());
    assertEquals(10, worker.stopGraceSeconds());
  }

  @Test
  void eachPresetHasItsCommandAndFormat() {
    assertEquals(List.of("codex", "exec", "--json", "--full-auto", PROMPT),
        resolve(settings("codex", List.of(), null), Map.of()).command());
    assertEquals(List.of("gemini", "--output-format", "stream-json", "--approval-mode",
        "auto_edit", "--prompt", PROMPT),
        resolve(settings("gemini", List.of(), null), Map.of()).command());
    assertEquals(List.of("aider", "--yes-always", "--no-pretty", "--no-stream", "--message-file",
        PLAN.toString()), resolve(settings("aider", List.of(), null), Map.of()).command());
    assertEquals("codex-json", resolve(settings("codex", List.of(), null), Map.of())
        .outputFormat());
    assertEquals("gemini-stream-json", resolve(settings("gemini", List.of(), null), Map.of())
        .outputFormat());
    assertEquals("aider", resolve(settings("aider", List.of(), null), Map.of()).outputFormat());
  }

  @Test
  void environmentHasSfVariablesAndMergedEntries() {
    ResolvedWorker worker = resolve(settings("codex", List.of(), null),
        Map.of("env", Map.of("TRACE", true, "TARGET", "{milestone}-out")));

    assertEquals(Map.of("LOG_LEVEL", "debug", "TRACE", "true", "TARGET", "M001-out",
        "SF_MILESTONE_LOCK", "M001", "SF_WORKTREE", WORKTREE.toString(),
        "SF_PLAN_FILE", PLAN.toString()), worker.env());
  }

  @Test
  void preferencesOverridePresetAndMilestoneOverridesPreferences() {
    WorkerSettings settings = settings("claude-code", List.of("my-claude", "{title}"), "plain");

    ResolvedWorker fromPreferences = resolve(settings, Map.of());
    ResolvedWorker fromMilestone = resolve(settings,
        Map.of("command", List.of("other", "{worktree}"), "output", "sf-events",
            "stop_grace_seconds", 3));

    assertEquals(List.of("my-claude", "Payment API"), fromPreferences.command());
    assertEquals("plain", fromPreferences.outputFormat());
    assertEquals(List.of("other", WORKTREE.toString()), fromMilestone.command());
    assertEquals("sf-events", fromMilestone.outputFormat());
    assertEquals(3, fromMilestone.stopGraceSeconds());
  }

  @Test
  void milestonePresetDropsPreferencesCommand() {
    WorkerSettings settings = settings("claude-code", List.of("my-claude"), "claude-stream-json");

    ResolvedWorker worker = resolve(settings, Map.of("preset", "aider"));

    assertEquals("aider", worker.command().get(0));
    assertEquals("aider", worker.outputFormat());
  }

  @Test
  void sfEventsPresetWithoutCommandNamesThePreference() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> resolve(settings("sf-events", List.of(), null), Map.of()));

    assertEquals("worker.command", error.problems().get(0).key());
    assertTrue(error.getMessage().contains("'sf-events'"), error.getMessage());
    assertTrue(error.getMessage().contains("worker.command"), error.getMessage());
  }

  @Test
  void customCommandWithoutPresetDefaultsToSfEvents() {
    ResolvedWorker worker = resolve(settings(null, List.of("./agent.sh", "{plan_file}"), null),
        Map.of());

    assertEquals(List.of("./agent.sh", PLAN.toString()), worker.command());
    assertEquals("sf-events", worker.outputFormat());
  }

  @Test
  void unknownPresetListsValidOnes() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> resolve(settings("claude", List.of(), null), Map.of()));

    assertEquals("worker.preset", error.problems().get(0).key());
    assertTrue(error.getMessage().contains("claude-code"), error.getMessage());
  }

  @Test
  void invalidOverridesAreRejectedByKey() {
    WorkerSettings settings = settings("codex", List.of(), null);
    Map<String, Map<String, Object>> cases = Map.of(
        "worker.comand", Map.of("comand", List.of("x")),
        "worker.command", Map.of("command", "agent --plan x"),
        "worker.env", Map.of("env", List.of("A=1")),
        "worker.stop_grace_seconds", Map.of("stop_grace_seconds", -1),
        "worker.output", Map.of("output", 5));

    cases.forEach((key, overrides) -> {
      ConfigException error = assertThrows(ConfigException.class,
          () -> resolve(settings, overrides), key);
      assertEquals(key, error.problems().get(0).key());
      assertEquals(milestone(Map.of()).file(), error.problems().get(0).file());
    });
  }

  @Test
  void placeholdersAreSubstitutedOnce() {
    Milestone tricky = new Milestone("M002", "About {worktree}", List.of(), List.of(), List.of(),
        Map.of(), "", Path.of("/p/M.md"));

    ResolvedWorker worker = WorkerPresets.resolve(
        settings(null, List.of("run", "{title}|{unknown}|{plan_file}|{", "{{milestone}}"), null),
        Map.of(), tricky, WORKTREE, PLAN);

    assertEquals(List.of("run", "About {worktree}|{unknown}|" + PLAN + "|{", "{M002}"),
        worker.command());
  }

  @Test
  void modelArgumentIsFoundInEachSpelling() {
    assertEquals(Optional.of("gpt-5-codex"),
        WorkerPresets.modelArgument(List.of("codex", "exec", "-m", "gpt-5-codex")));
    assertEquals(Optional.of("o3"), WorkerPresets.modelArgument(List.of("codex", "--model=o3")));
    assertEquals(Optional.of("x"), WorkerPresets.modelArgument(List.of("a", "--model", "x")));
    assertEquals(Optional.empty(), WorkerPresets.modelArgument(List.of("codex", "-m")));
  }
}
