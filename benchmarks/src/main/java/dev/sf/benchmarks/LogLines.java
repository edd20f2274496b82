package dev.sf.benchmarks;

import java.util.List;

/**
 * Typical log lines per output format, with {@code #} replaced by the line number. Each pattern
 * mixes ordinary output with the events that matter for accounting, at roughly the share a real
 * worker prints them.
 */
final class LogLines {

  private LogLines() {}

  static List<String> of(String format) {
    return switch (format) {
      case "sf-events" -> List.of(
          "compiling src/module#.java",
          "{\"sf\":\"progress\",\"message\":\"step #\"}",
          "[INFO] Tests run: 12, Failures: 0, Errors: 0, Skipped: 0",
          "{\"sf\":\"cost\",\"total_usd\":#.25,\"model\":\"gpt-5-codex\",\"input_tokens\":#,"
              + "\"output_tokens\":12}",
          "{\"sf\":\"slice\",\"id\":\"S01\",\"state\":\"started\"}",
          "{\"sf\":\"cost\",\"delta_usd\":0.01}");
      case "claude-stream-json" -> List.of(
          "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_#\",\"type\":\"message\","
              + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":"
              + "\"text\",\"text\":\"Working on step #.\"}],\"usage\":{\"input_tokens\":12,"
              + "\"cache_creation_input_tokens\":200,\"cache_read_input_tokens\":3000,"
              + "\"output_tokens\":40}},\"session_id\":\"s1\"}",
          "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":"
              + "\"toolu_#\",\"type\":\"tool_result\",\"content\":\"ok\"}]},\"session_id\":\"s1\"}",
          "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":#,"
              + "\"total_cost_usd\":#.5,\"modelUsage\":{\"claude-sonnet-4-5\":{\"inputTokens\":#,"
              + "\"outputTokens\":10,\"cacheReadInputTokens\":0,\"cacheCreationInputTokens\":0}}}");
      case "codex-json" -> List.of(
          "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_#\",\"type\":\"agent_message\","
              + "\"text\":\"Step # done.\"}}",
          "{\"type\":\"item.started\",\"item\":{\"id\":\"item_#\",\"type\":\"command_execution\","
              + "\"command\":\"bash -lc ls\",\"status\":\"in_progress\"}}",
          "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":24763,"
              + "\"cached_input_tokens\":24448,\"output_tokens\":122}}");
      case "gemini-stream-json" -> List.of(
          "{\"type\":\"message\",\"timestamp\":\"2026-01-10T10:00:04.000Z\",\"role\":\"assistant\","
              + "\"content\":\"Step #\",\"delta\":true}",
          "{\"type\":\"tool_use\",\"timestamp\":\"2026-01-10T10:00:02.000Z\",\"tool_name\":"
              + "\"read_file\",\"tool_id\":\"read_file-#\","
              + "\"parameters\":{\"absolute_path\":\"/a\"}}",
          "{\"type\":\"result\",\"status\":\"success\",\"stats\":{\"input_tokens\":#,"
              + "\"output_tokens\":15,\"cached\":0,\"input\":#,\"models\":{\"gemini-2.5-pro\":"
              + "{\"input_tokens\":#,\"output_tokens\":15,\"cached\":0,\"input\":#}}}}");
      case "aider" -> List.of(
          "Applied edit to src/module#.py",
          "Commit 1a2b3c4 feat: step #",
          "Tokens: 2.3k sent, 120 received. Cost: $0.01 message, $#.05 session.");
      default -> throw new IllegalArgumentException("No sample lines for format '" + format + "'");
    };
  }
}
