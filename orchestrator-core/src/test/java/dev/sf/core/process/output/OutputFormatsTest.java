package dev.sf.core.process.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.process.TestResources;
import dev.sf.spi.OutputFormat;
import dev.sf.spi.OutputParser;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.Completed;
import dev.sf.spi.WorkerOutputEvent.CostDelta;
import dev.sf.spi.WorkerOutputEvent.CostTotal;
import dev.sf.spi.WorkerOutputEvent.Progress;
import dev.sf.spi.WorkerOutputEvent.SliceChanged;
import dev.sf.spi.WorkerOutputEvent.TokenUsage;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputFormatsTest {

  private static List<WorkerOutputEvent> parseFixture(String format, String fixture)
      throws IOException {
    OutputParser parser = OutputFormats.builtIn().find(format).orElseThrow().newParser();
    List<WorkerOutputEvent> events = new ArrayList<>();
    for (String line : Files.readAllLines(TestResources.resource("fixtures/" + fixture))) {
      parser.parse(line, events::add);
    }
    return events;
  }

  private static List<WorkerOutputEvent> parse(String format, String... lines) {
    OutputParser parser = OutputFormats.builtIn().find(format).orElseThrow().newParser();
    List<WorkerOutputEvent> events = new ArrayList<>();
    for (String line : lines) {
      parser.parse(line, events::add);
    }
    return events;
  }

  @Test
  void builtInRegistryHasSixFormats() {
    assertEquals(
        Set.of("sf-events", "claude-stream-json", "codex-json", "gemini-stream-json", "aider",
            "plain"),
        OutputFormats.builtIn().names());
    assertTrue(OutputFormats.builtIn().find("nope").isEmpty());
    assertTrue(OutputFormats.builtIn().find(null).isEmpty());
  }

  @Test
  void withAddsFormatAndKeepsOriginal() {
    OutputFormat custom = new OutputFormat() {
      @Override
      public String name() {
        return "custom";
      }

      @Override
      public OutputParser newParser() {
        return (line, events) -> events.accept(new Progress(line));
      }
    };

    OutputFormats extended = OutputFormats.builtIn().with(custom);

    assertSame(custom, extended.find("custom").orElseThrow());
    assertFalse(OutputFormats.builtIn().names().contains("custom"));
    assertEquals(7, extended.names().size());
    assertThrows(UnsupportedOperationException.class, () -> extended.names().add("x"));
  }

  @Test
  void sfEventsFixtureYieldsAllEventKinds() throws IOException {
    List<WorkerOutputEvent> events = parseFixture("sf-events", "sf-events/session.jsonl");

    assertEquals(List.of(
        new Progress("reading the plan"),
        new SliceChanged("S01", "started"),
        new CostTotal(new BigDecimal("0.5")),
        new TokenUsage("local-model", 1000, 0, 200, true),
        new SliceChanged("S01", "done"),
        new SliceChanged("S02", "started"),
        new CostTotal(new BigDecimal("1.25")),
        new CostDelta(new BigDecimal("0.1")),
        new SliceChanged("S02", "done"),
        new Completed()), events);
  }

  @Test
  void sfEventsReportsBrokenEventsByKind() {
    List<WorkerOutputEvent> events = parse("sf-events",
        "{\"sf\":\"cost\",\"total_usd\":",
        "{\"sf\":\"cost\",\"total_usd\":\"abc\"}",
        "{\"sf\":\"cost\",\"total_usd\":NaN}",
        "{\"sf\":\"slice\",\"id\":\"S01\",\"state\":\"paused\"}",
        "{\"sf\":\"dance\"}",
        "{\"note\":\"the word \\\"sf\\\" inside\"}",
        "plain text with \"sf\" in it");

    List<String> kinds = events.stream().map(event -> ((Unrecognized) event).kind()).toList();
    assertEquals(
        List.of("invalid-json", "invalid-cost", "invalid-cost", "invalid-slice", "unknown-event"),
        kinds);
  }

  @Test
  void sfEventsAcceptsNumericStringAndHugeValues() {
    List<WorkerOutputEvent> events = parse("sf-events",
        "{\"sf\":\"cost\",\"delta_usd\":\"0.25\"}", "{\"sf\":\"cost\",\"total_usd\":1e400}");

    assertEquals(new CostDelta(new BigDecimal("0.25")), events.get(0));
    assertEquals(new CostTotal(new BigDecimal("1e400")), events.get(1));
  }

  @Test
  void claudeFixtureYieldsSessionCostAndCumulativeTokens() throws IOException {
    List<WorkerOutputEvent> events =
        parseFixture("claude-stream-json", "claude-stream-json/session.jsonl");

    String model = "claude-sonnet-4-5-20250929";
    assertEquals(List.of(
        new TokenUsage(model, 2012, 0, 40, true),
        new TokenUsage(model, 2012, 0, 40, true),
        new TokenUsage(model, 2320, 2000, 190, true),
        new CostTotal(new BigDecimal("0.0421")),
        new TokenUsage(model, 2320, 2000, 190, true),
        new Completed()), events);
  }

  @Test
  void claudeErrorResultIsNotCompletion() {
    List<WorkerOutputEvent> events = parse("claude-stream-json",
        "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,"
            + "\"total_cost_usd\":0.5}");

    assertEquals(List.of(new CostTotal(new BigDecimal("0.5"))), events);
  }

  @Test
  void codexFixtureYieldsPerTurnTokens() throws IOException {
    List<WorkerOutputEvent> events = parseFixture("codex-json", "codex-json/session.jsonl");

    assertEquals(List.of(
        new TokenUsage(null, 315, 24448, 122, false),
        new TokenUsage(null, 8000, 2000, 878, false)), events);
  }

  @Test
  void geminiFixtureYieldsPerModelTotals() throws IOException {
    List<WorkerOutputEvent> events =
        parseFixture("gemini-stream-json", "gemini-stream-json/session.jsonl");

    assertEquals(List.of(
        new TokenUsage("gemini-2.5-pro", 8000, 4000, 1500, true), new Completed()), events);
  }

  @Test
  void geminiStatsWithoutModelsUseInitModel() {
    List<WorkerOutputEvent> events = parse("gemini-stream-json",
        "{\"type\":\"init\",\"model\":\"gemini-2.5-flash\"}",
        "{\"type\":\"result\",\"status\":\"error\",\"stats\":{\"input_tokens\":100,"
            + "\"cached\":40,\"output_tokens\":7}}");

    assertEquals(List.of(new TokenUsage("gemini-2.5-flash", 60, 40, 7, true)), events);
  }

  @Test
  void aiderFixtureYieldsSessionCostAndMessageTokens() throws IOException {
    List<WorkerOutputEvent> events = parseFixture("aider", "aider/session.txt");

    String model = "anthropic/claude-sonnet-4-20250514";
    assertEquals(List.of(
        new CostTotal(new BigDecimal("0.0087")),
        new TokenUsage(model, 2300, 0, 120, false),
        new CostTotal(new BigDecimal("0.06")),
        new TokenUsage(model, 8600, 3400, 850, false)), events);
  }

  @Test
  void aiderTokenCountsHandleSuffixes() {
    assertEquals(120, AiderFormat.tokenCount("120"));
    assertEquals(2300, AiderFormat.tokenCount("2.3k"));
    assertEquals(23000, AiderFormat.tokenCount("23k"));
    assertEquals(1_200_000, AiderFormat.tokenCount("1.2M"));
  }

  @Test
  void aiderTokensWithoutCostYieldOnlyTokens() {
    List<WorkerOutputEvent> events =
        parse("aider", "Model: gpt-4o with diff edit format", "Tokens: 1.5k sent, 42 received.");

    assertEquals(List.of(new TokenUsage("gpt-4o", 1500, 0, 42, false)), events);
  }

  @Test
  void plainYieldsNothing() {
    assertTrue(parse("plain", "{\"sf\":\"complete\"}", "Cost: $1 message, $2 session.")
        .isEmpty());
  }

  @Test
  void agentFormatsFlagOnlyBrokenJson() {
    for (String format : List.of("claude-stream-json", "codex-json", "gemini-stream-json")) {
      List<WorkerOutputEvent> events = parse(format, "Warning: something", "{broken");

      assertEquals(1, events.size(), format);
      assertEquals("invalid-json", ((Unrecognized) events.get(0)).kind(), format);
    }
  }
}
