package dev.sf.core.process.output;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code sf-events} format: sf's own protocol, one JSON object per line with a string field
 * {@code sf}. Lines that do not start with a brace or do not contain {@code "sf"} are ordinary
 * output and are skipped without parsing, which keeps chatty workers cheap to read.
 */
final class SfEventsFormat implements OutputFormat {

  static final String NAME = "sf-events";

  private static final Set<String> SLICE_STATES = Set.of("started", "done", "failed");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OutputParser newParser() {
    return SfEventsFormat::parseLine;
  }

  private static void parseLine(String line, Consumer<WorkerOutputEvent> events) {
    if (!JsonLines.looksLikeObject(line) || !line.contains("\"sf\"")) {
      return;
    }
    Optional<JsonNode> parsed = JsonLines.parseObject(line);
    if (parsed.isEmpty()) {
      events.accept(new Unrecognized("invalid-json", "not a JSON object: " + quote(line)));
      return;
    }
    JsonNode event = parsed.get();
    String kind = JsonLines.text(event, "sf");
    if (kind == null) {
      // Valid JSON that merely mentions "sf" somewhere inside: ordinary output.
      return;
    }
    switch (kind) {
      case "cost" -> parseCost(event, line, events);
      case "slice" -> parseSlice(event, line, events);
      case "progress" -> parseProgress(event, line, events);
      case "complete" -> events.accept(new Completed());
      default -> events.accept(
          new Unrecognized("unknown-event", "unknown sf event '" + kind + "' in " + quote(line)));
    }
  }

  private static void parseCost(JsonNode event, String line, Consumer<WorkerOutputEvent> events) {
    boolean cumulative = event.has("total_usd");
    String field = cumulative ? "total_usd" : "delta_usd";
    try {
      Optional<BigDecimal> usd = JsonLines.decimal(event, field);
      if (usd.isEmpty() && !hasTokens(event)) {
        events.accept(new Unrecognized(
            "invalid-cost", "cost event without total_usd or delta_usd: " + quote(line)));
      } else if (usd.isPresent()) {
        events.accept(cumulative ? new CostTotal(usd.get()) : new CostDelta(usd.get()));
      }
    } catch (NumberFormatException e) {
      events.accept(new Unrecognized(
          "invalid-cost", field + " is not a finite number: " + quote(line)));
    }
    if (hasTokens(event)) {
      events.accept(new TokenUsage(
          JsonLines.text(event, "model"),
          JsonLines.count(event, "input_tokens"),
          JsonLines.count(event, "cached_input_tokens"),
          JsonLines.count(event, "output_tokens"),
          cumulative));
    }
  }

  private static boolean hasTokens(JsonNode event) {
    return event.has("input_tokens") || event.has("cached_input_tokens")
        || event.has("output_tokens");
  }

  private static void parseSlice(JsonNode event, String line, Consumer<WorkerOutputEvent> events) {
    String id = JsonLines.text(event, "id");
    String state = JsonLines.text(event, "state");
    if (id == null || id.isBlank() || state == null || !SLICE_STATES.contains(state)) {
      events.accept(new Unrecognized("invalid-slice",
          "slice event needs an id and a state of started, done or failed: " + quote(line)));
      return;
    }
    events.accept(new SliceChanged(id, state));
  }

  private static void parseProgress(
      JsonNode event, String line, Consumer<WorkerOutputEvent> events) {
    String message = JsonLines.text(event, "message");
    if (message == null) {
      events.accept(new Unrecognized(
          "invalid-progress", "progress event without a message: " + quote(line)));
      return;
    }
    events.accept(new Progress(message));
  }

  private static String quote(String line) {
    return "'" + JsonLines.excerpt(line) + "'";
  }
}
