package dev.sf.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.process.cost.CostLedger;
import dev.sf.core.process.cost.CostSnapshot;
import dev.sf.core.process.cost.TokenCounts;
import dev.sf.core.process.output.LogReader;
import dev.sf.core.process.output.OutputFormats;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each fake agent as a real process with its output in a log file, then reads the log with
 * the matching format: the ledger must show the fixture's figures.
 */
class FakeAgentsTest {

  @TempDir Path folder;
  private Path agents;

  @BeforeEach
  void install() throws IOException {
    agents = TestResources.installFakeAgents(folder.resolve("install"));
  }

  private CostSnapshot run(String agent, String format, String defaultModel, String... env)
      throws Exception {
    Path log = folder.resolve(agent + ".log");
    ProcessBuilder builder = new ProcessBuilder(List.of(agent(agent), "-p", "ignored"))
        .directory(folder.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    for (int i = 0; i < env.length; i += 2) {
      builder.environment().put(env[i], env[i + 1]);
    }
    Process process = builder.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), agent + " did not exit");
    assertEquals(0, process.exitValue(), Files.readString(log));
    CostLedger ledger = new CostLedger("M001", TestResources.PRICING, defaultModel);
    ledger.startSession();
    LogReader reader =
        new LogReader(log, 0, OutputFormats.builtIn().find(format).orElseThrow().newParser());
    reader.finish(ledger::apply);
    return ledger.snapshot();
  }

  private String agent(String name) {
    return agents.resolve(name).toString();
  }

  private static void assertUsd(String expected, CostSnapshot snapshot) {
    assertEquals(0, new BigDecimal(expected).compareTo(snapshot.totalUsd()),
        "total was " + snapshot.totalUsd().toPlainString());
  }

  @Test
  void claudeReportsSessionCost() throws Exception {
    CostSnapshot snapshot = run("claude", "claude-stream-json", null);

    assertUsd("0.0421", snapshot);
    assertEquals(new TokenCounts(2320, 2000, 190),
        snapshot.tokensByModel().get("claude-sonnet-4-5-20250929"));
    assertTrue(snapshot.unpricedModels().isEmpty());
    assertTrue(snapshot.completed());
  }

  @Test
  void codexTokensArePricedWithCommandModel() throws Exception {
    CostSnapshot snapshot = run("codex", "codex-json", "gpt-5-codex");

    assertUsd("0.02369975", snapshot);
    assertEquals(new TokenCounts(8315, 26448, 1000), snapshot.tokensByModel().get("gpt-5-codex"));
  }

  @Test
  void geminiTokensArePricedPerModel() throws Exception {
    CostSnapshot snapshot = run("gemini", "gemini-stream-json", null);

    // 8000 * 1.25 + 4000 * 0.31 + 1500 * 10, per million tokens
    assertUsd("0.02624", snapshot);
    assertTrue(snapshot.completed());
  }

  @Test
  void aiderReportsSessionCost() throws Exception {
    CostSnapshot snapshot = run("aider", "aider", null);

    assertUsd("0.06", snapshot);
    assertEquals(new TokenCounts(10900, 3400, 970),
        snapshot.tokensByModel().get("anthropic/claude-sonnet-4-20250514"));
  }

  @Test
  void fixtureAndArgumentsCanBeChosen() throws Exception {
    Path args = folder.resolve("args.txt");
    String fixture = agents.resolveSibling("fixtures/sf-events/session.jsonl").toString();

    CostSnapshot snapshot = run("claude", "sf-events", null,
        "SF_FAKE_FIXTURE", fixture, "SF_FAKE_ARGS_FILE", args.toString());

    assertUsd("1.35", snapshot);
    assertEquals(List.of("-p", "ignored"), Files.readAllLines(args));
  }

  @Test
  void exitCodeCanBeChosen() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(agent("codex"))
        .redirectOutput(folder.resolve("codex.log").toFile());
    builder.environment().put("SF_FAKE_EXIT_CODE", "7");

    Process process = builder.start();

    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "codex did not exit");
    assertEquals(7, process.exitValue());
  }
}
