package dev.sf.core.process.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sf.spi.OutputFormat;
import dev.sf.spi.OutputParser;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.TokenUsage;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code codex-json} format: Codex run as {@code codex exec --json}, one event per line with
 * a {@code type} field. Each {@code turn.completed} event carries the {@code usage} of that turn
 * ({@code input_tokens}, which includes cached input, {@code cached_input_tokens} and {@code
 * output_tokens}); the parser reports it as non-cumulative {@link TokenUsage} with the cached part
 * taken out of the input count. Codex prints no cost, so accounting prices the tokens.
 *
 * <p>The events of {@code codex exec --json} do not name the model. The parser uses a {@code
 * model} field when an event carries one and reports null otherwise; accounting then falls back to
 * the model named on the worker's command line.
 */
final class CodexJsonFormat implements OutputFormat {

  static final String NAME = "codex-json";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OutputParser newParser() {
    return new Parser();
  }

  /** Remembers the last model named by any event. */
  private static final class Parser implements OutputParser {
    private String model;

    @Override
    public void parse(String line, Consumer<WorkerOutputEvent> events) {
      Optional<JsonNode> parsed = JsonLines.parseEvent(line, events);
      if (parsed.isEmpty()) {
        return;
      }
      JsonNode event = parsed.get();
      if (JsonLines.text(event, "model") != null) {
        model = JsonLines.text(event, "model");
      }
      if (!"turn.completed".equals(JsonLines.text(event, "type"))) {
        return;
      }
      JsonNode usage = event.get("usage");
      if (usage == null || !usage.isObject()) {
        events.accept(new Unrecognized(
            "missing-usage", "turn.completed without usage: '" + JsonLines.excerpt(line) + "'"));
        return;
      }
      long input = JsonLines.count(usage, "input_tokens");
      long cached = Math.min(JsonLines.count(usage, "cached_input_tokens"), input);
      long output = JsonLines.count(usage, "output_tokens");
      events.accept(new TokenUsage(model, input - cached, cached, output, false));
    }
  }
}
