package dev.sf.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sf.cli.e2e.E2eProject.Result;
import dev.sf.core.process.TestResources;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code sf parallel start --yes} with each agent preset against a fake agent that replays a
 * recorded session, found first on {@code PATH}, and checks that the cost in {@code status
 * --json}, in the worktree's {@code metrics.json} and in the printed summary is the fixture's.
 */
class AgentFormatsEndToEndTest {
  private static final String PROMPT = "Carry out milestone M001 (Payment API) in this worktree,"
      + " %s. Its plan is in %s: read that file first and follow it.";

  @TempDir Path folder;
  private Path agents;
  private Path fixtures;

  @BeforeEach
  void installAgents() throws Exception {
    agents = TestResources.installFakeAgents(folder.resolve("install"));
    fixtures = agents.resolveSibling("fixtures");
  }

  private E2eProject project(String workerSection) throws Exception {
    String preferences = """
        parallel:
          enabled: true
          max_workers: 1
          auto_merge: manual
        %s
        pricing:
          gpt-5-codex: {input: 1.25, cached_input: 0.125, output: 10}
          gemini-2.5-pro: {input: 1.25, cached_input: 0.31, output: 10}
        """.formatted(workerSection);
    E2eProject project = E2eProject.create(folder.resolve("project"), preferences);
    project.milestone("M001", "Payment API", List.of(), List.of());
    project.commitAll("Start the project");
    return project;
  }

  private String presetWorker(String preset, String fixture) {
    return """
        worker:
          preset: %s
          env:
            SF_FAKE_FIXTURE: "%s"
            SF_FAKE_ARGS_FILE: "%s"
        """.formatted(preset, fixtures.resolve(fixture), argsFile());
  }

  private Path argsFile() {
    return folder.resolve("args.txt");
  }

  private Result start(E2eProject project, Map<String, String> env) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PATH", E2eProject.pathWithFirst(agents));
    return project.sfProcess(all, "parallel", "start", "--yes");
  }

  private static Path worktree(E2eProject project) {
    return project.root.resolve(".sf/worktrees/M001");
  }

  private static Path planFile(E2eProject project) {
    return worktree(project).resolve(".sf/milestones/M001/MILESTONE.md");
  }

  private static void assertUsd(String expected, JsonNode actual, String where) {
    assertTrue(actual.isNumber(), () -> where + " is not a number: " + actual);
    assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()),
        () -> where + " was " + actual.decimalValue().toPlainString() + ", expected " + expected);
  }

  /** Checks the three places a cost shows: status --json, metrics.json and the summary. */
  private void assertCost(E2eProject project, Result run, String expectedUsd, String printed)
      throws Exception {
    JsonNode status = project.statusOf("M001");
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertUsd(expectedUsd, status.path("cost_usd"), "status cost_usd");
    JsonNode metrics = E2eProject.readJson(worktree(project).resolve(".sf/metrics.json"));
    assertUsd(expectedUsd, metrics.path("cost_usd"), "metrics.json cost_usd");
    Result overall = project.sf("parallel", "status", "--json");
    assertUsd(expectedUsd, overall.json().path("total_usd"), "status total_usd");
    String summary = run.out().substring(run.out().indexOf("Summary"));
    assertTrue(summary.lines().anyMatch(line -> line.startsWith("M001")
        && line.contains("completed") && line.contains(printed)), () -> summary);
  }

  @Test
  void claudeCodeCostMatchesFixture() throws Exception {
    E2eProject project = project(presetWorker("claude-code", "claude-stream-json/session.jsonl"));

    Result run = start(project, Map.of());

    assertEquals(0, run.exitCode(), run::both);
    assertCost(project, run, "0.0421", "$0.04");
    assertEquals(List.of("-p", PROMPT.formatted(worktree(project), planFile(project)),
        "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits"),
        Files.readAllLines(argsFile()));
    assertTrue(Files.isRegularFile(planFile(project)), "the plan file the prompt names exists");
  }

  @Test
  void codexTokensArePricedByCommandModel() throws Exception {
    // The preset's argv names no model, so the command adds -m for the pricing table. The
    // command names the fake agent by its path, so this run can stay in this JVM.
    E2eProject project = project("""
        worker:
          preset: codex
          command: ["%s", exec, --json, --full-auto, -m, gpt-5-codex, "{plan_file}"]
          env:
            SF_FAKE_FIXTURE: "%s"
        """.formatted(agents.resolve("codex"), fixtures.resolve("codex-json/session.jsonl")));

    Result run = project.sf("parallel", "start", "--yes");

    assertEquals(0, run.exitCode(), run::both);
    assertCost(project, run, "0.02369975", "$0.02");
    JsonNode status = project.statusOf("M001");
    assertEquals(0, status.path("unpriced_models").size(), status::toString);
    JsonNode tokens = E2eProject.readJson(worktree(project).resolve(".sf/metrics.json"))
        .path("tokens").path("gpt-5-codex");
    assertEquals(8315, tokens.path("input").asLong(), tokens::toString);
    assertEquals(26448, tokens.path("cached_input").asLong(), tokens::toString);
    assertEquals(1000, tokens.path("output").asLong(), tokens::toString);
  }

  @Test
  void codexPresetWithoutModelShowsPriceUnknown() throws Exception {
    E2eProject project = project(presetWorker("codex", "codex-json/session.jsonl"));

    Result run = start(project, Map.of());

    assertEquals(0, run.exitCode(), run::both);
    assertEquals(List.of("exec", "--json", "--full-auto",
        PROMPT.formatted(worktree(project), planFile(project))), Files.readAllLines(argsFile()));
    JsonNode status = project.statusOf("M001");
    assertEquals("[\"unknown\"]", status.path("unpriced_models").toString(), status::toString);
    JsonNode metrics = E2eProject.readJson(worktree(project).resolve(".sf/metrics.json"));
    assertEquals("[\"unknown\"]", metrics.path("unpriced_models").toString(),
        metrics::toString);
    assertEquals(8315, metrics.path("tokens").path("unknown").path("input").asLong(),
        metrics::toString);
    Result text = project.sf("parallel", "status");
    assertTrue(text.out().contains("price unknown"), text::both);
    String summary = run.out().substring(run.out().indexOf("Summary"));
    assertTrue(summary.contains("$0.00 + price unknown"), summary);
  }

  @Test
  void geminiTokensArePricedFromPricingTable() throws Exception {
    E2eProject project = project(presetWorker("gemini", "gemini-stream-json/session.jsonl"));

    Result run = start(project, Map.of());

    assertEquals(0, run.exitCode(), run::both);
    // 8000 * 1.25 + 4000 * 0.31 + 1500 * 10, per million tokens
    assertCost(project, run, "0.02624", "$0.03");
    assertEquals(List.of("--output-format", "stream-json", "--approval-mode", "auto_edit",
        "--prompt", PROMPT.formatted(worktree(project), planFile(project))),
        Files.readAllLines(argsFile()));
  }

  @Test
  void aiderSessionCostMatchesFixture() throws Exception {
    E2eProject project = project(presetWorker("aider", "aider/session.txt"));

    Result run = start(project, Map.of());

    assertEquals(0, run.exitCode(), run::both);
    assertCost(project, run, "0.06", "$0.06");
    assertEquals(List.of("--yes-always", "--no-pretty", "--no-stream", "--message-file",
        planFile(project).toString()), Files.readAllLines(argsFile()));
  }

  @Test
  void restartedWorkerAddsToEarlierCost() throws Exception {
    String worker = """
        worker:
          preset: claude-code
          command: ["%s", -p, "{plan_file}"]
          env:
            SF_FAKE_FIXTURE: "%s"
        """.formatted(agents.resolve("claude"),
        fixtures.resolve("claude-stream-json/session.jsonl"));
    E2eProject project = project(worker + "    SF_FAKE_EXIT_CODE: \"1\"\n");

    Result failed = project.sf("parallel", "start", "--yes");

    assertEquals(1, failed.exitCode(), failed::both);
    JsonNode first = project.statusOf("M001");
    assertEquals("failed", first.path("state").asText(), first::toString);
    assertUsd("0.0421", first.path("cost_usd"), "cost after the failed attempt");

    String preferences = Files.readString(project.root.resolve(".sf/preferences.yaml"));
    project.write(".sf/preferences.yaml", preferences.replace("    SF_FAKE_EXIT_CODE: \"1\"\n",
        ""));
    project.commitAll("Let the agent succeed");
    Result again = project.sf("parallel", "start", "--yes");

    assertEquals(0, again.exitCode(), again::both);
    assertCost(project, again, "0.0842", "$0.08");
    JsonNode second = project.statusOf("M001");
    assertEquals(2, second.path("attempts").asInt(), second::toString);
  }
}
