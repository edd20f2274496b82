package dev.sf.core.process.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sf.spi.OutputFormat;
import dev.sf.spi.OutputParser;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.Completed;
import dev.sf.spi.WorkerOutputEvent.TokenUsage;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code gemini-stream-json} format: Gemini CLI run with {@code --output-format stream-json}.
 * The {@code init} event names the model; the {@code result} event carries {@code stats} with
 * session totals, overall and per model under {@code stats.models}. In Gemini CLI 0.61 each model
 * entry has {@code input_tokens} (prompt, cached part included), {@code cached}, {@code input}
 * (prompt minus cached) and {@code output_tokens}. Totals are reported as cumulative {@link
 * TokenUsage}; Gemini prints no cost, so accounting prices the tokens.
 */
final class GeminiStreamJsonFormat implements OutputFormat {

  static final String NAME = "gemini-stream-json";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OutputParser newParser() {
    return new Parser();
  }

  /** Remembers the model named by the {@code init} event. */
  private static final class Parser implements OutputParser {
    private String model;

    @Override
    public void parse(String line, Consumer<WorkerOutputEvent> events) {
      Optional<JsonNode> parsed = JsonLines.parseEvent(line, events);
      if (parsed.isEmpty()) {
        return;
      }
      JsonNode event = parsed.get();
      String type = JsonLines.text(event, "type");
      if ("init".equals(type)) {
        model = JsonLines.text(event, "model");
      } else if ("result".equals(type)) {
        onResult(event, line, events);
      }
    }

    private void onResult(JsonNode result, String line, Consumer<WorkerOutputEvent> events) {
      JsonNode stats = result.get("stats");
      if (stats == null || !stats.isObject()) {
        events.accept(new Unrecognized(
            "missing-usage", "result without stats: '" + JsonLines.excerpt(line) + "'"));
      } else {
        JsonNode models = stats.get("models");
        if (models != null && models.isObject() && !models.isEmpty()) {
          for (Map.Entry<String, JsonNode> entry : models.properties()) {
            events.accept(usage(entry.getKey(), entry.getValue()));
          }
        } else {
          events.accept(usage(model, stats));
        }
      }
      if ("success".equals(JsonLines.text(result, "status"))) {
        events.accept(new Completed());
      }
    }

    private static TokenUsage usage(String model, JsonNode stats) {
      long prompt = JsonLines.count(stats, "input_tokens");
      long cached = Math.min(JsonLines.count(stats, "cached"), prompt);
      long input = stats.has("input") ? JsonLines.count(stats, "input") : prompt - cached;
      return new TokenUsage(model, input, cached, JsonLines.count(stats, "output_tokens"), true);
    }
  }
}
