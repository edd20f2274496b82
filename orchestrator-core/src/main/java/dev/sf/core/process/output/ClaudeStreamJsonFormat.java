package dev.sf.core.process.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sf.spi.OutputFormat;
import dev.sf.spi.OutputParser;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.Completed;
import dev.sf.spi.WorkerOutputEvent.CostTotal;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code claude-stream-json} format: Claude Code run as {@code claude -p ... --output-format
 * stream-json --verbose}. Each {@code assistant} message names its model and carries the usage of
 * that API message; {@code result} messages carry {@code total_cost_usd} (cumulative for the
 * session) and per-model totals in {@code modelUsage}.
 *
 * <p>Claude Code may print the same API message more than once (one line per content block), so
 * usage is kept per message id and the parser reports running per-model totals as cumulative
 * {@link WorkerOutputEvent.TokenUsage}. Cache writes are counted as input tokens, cache reads as
 * cached input.
 *
 * <p>NOTE: the running totals live in the parser. A parser created mid-session (a reader started
 * at a saved offset) counts assistant tokens from 0 again until the next {@code result}; reading
 * the session's log from offset 0 rebuilds them exactly.
 */
final class ClaudeStreamJsonFormat implements OutputFormat {

  static final String NAME = "claude-stream-json";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OutputParser newParser() {
    return new Parser();
  }

  /** Keeps the usage of each message id and the running totals per model of one session. */
  private static final class Parser implements OutputParser {
    private final Map<String, long[]> usageByMessage = new HashMap<>();
    private final Map<String, String> modelByMessage = new HashMap<>();
    private final Map<String, TokenCounter> totalsByModel = new LinkedHashMap<>();
    private String lastModel;

    @Override
    public void parse(String line, Consumer<WorkerOutputEvent> events) {
      Optional<JsonNode> parsed = JsonLines.parseEvent(line, events);
      if (parsed.isEmpty()) {
        return;
      }
      JsonNode message = parsed.get();
      String type = JsonLines.text(message, "type");
      if ("assistant".equals(type)) {
        onAssistant(message.path("message"), events);
      } else if ("result".equals(type)) {
        onResult(message, line, events);
      } else if ("system".equals(type) && JsonLines.text(message, "model") != null) {
        lastModel = JsonLines.text(message, "model");
      }
    }

    private void onAssistant(JsonNode message, Consumer<WorkerOutputEvent> events) {
      String model = JsonLines.text(message, "model");
      if (model != null) {
        lastModel = model;
      }
      JsonNode usage = message.get("usage");
      if (usage == null || !usage.isObject() || lastModel == null) {
        return;
      }
      long[] counts = {
        JsonLines.count(usage, "input_tokens")
            + JsonLines.count(usage, "cache_creation_input_tokens"),
        JsonLines.count(usage, "cache_read_input_tokens"),
        JsonLines.count(usage, "output_tokens")
      };
      String id = JsonLines.text(message, "id");
      TokenCounter totals = totalsByModel.computeIfAbsent(lastModel, m -> new TokenCounter());
      if (id != null) {
        long[] previous = usageByMessage.put(id, counts);
        String previousModel = modelByMessage.put(id, lastModel);
        if (previous != null) {
          totalsByModel.get(previousModel).add(-previous[0], -previous[1], -previous[2]);
        }
      }
      totals.add(counts[0], counts[1], counts[2]);
      events.accept(totals.cumulative(lastModel));
    }

    private void onResult(JsonNode result, String line, Consumer<WorkerOutputEvent> events) {
      try {
        JsonLines.decimal(result, "total_cost_usd")
            .ifPresent(total -> events.accept(new CostTotal(total)));
      } catch (NumberFormatException e) {
        events.accept(new Unrecognized("invalid-cost",
            "total_cost_usd is not a finite number: '" + JsonLines.excerpt(line) + "'"));
      }
      JsonNode modelUsage = result.get("modelUsage");
      if (modelUsage != null && modelUsage.isObject() && !modelUsage.isEmpty()) {
        usageByMessage.clear();
        modelByMessage.clear();
        for (Map.Entry<String, JsonNode> entry : modelUsage.properties()) {
          JsonNode usage = entry.getValue();
          TokenCounter totals =
              totalsByModel.computeIfAbsent(entry.getKey(), m -> new TokenCounter());
          totals.set(
              JsonLines.count(usage, "inputTokens")
                  + JsonLines.count(usage, "cacheCreationInputTokens"),
              JsonLines.count(usage, "cacheReadInputTokens"),
              JsonLines.count(usage, "outputTokens"));
          events.accept(totals.cumulative(entry.getKey()));
        }
      }
      boolean success = "success".equals(JsonLines.text(result, "subtype"))
          && !result.path("is_error").asBoolean(false);
      if (success) {
        events.accept(new Completed());
      }
    }
  }
}
