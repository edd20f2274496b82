package dev.sf.core.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The rules of the {@code worker} section, shared by the preferences files and the {@code worker}
 * override in a milestone's front matter.
 */
final class WorkerSection {

  /** Valid keys of the section. */
  static final List<String> KEYS =
      List.of("preset", "command", "output", "env", "stop_grace_seconds");

  /** Names of the agent presets that sf can start. */
  static final List<String> PRESETS =
      List.of("claude-code", "codex", "gemini", "aider", "sf-events", "plain");

  /** Output formats that sf can read. */
  static final List<String> OUTPUT_FORMATS =
      List.of(
          "sf-events", "claude-stream-json", "codex-json", "gemini-stream-json", "aider", "plain");

  private WorkerSection() {}

  /**
   * Reads one key of the section.
   *
   * @param name the key inside the section, one of {@link #KEYS}
   * @param dottedKey the key as named in problems, such as {@code worker.preset}
   * @param outputFormats the valid values of {@code output}
   * @return the value, or {@link NodeReader#INVALID} after recording a problem
   */
  static Object read(
      NodeReader reader,
      String name,
      Node node,
      String dottedKey,
      Collection<String> outputFormats) {
    return switch (name) {
      case "preset" -> reader.choice(node, dottedKey, PRESETS);
      case "command" ->
          reader.stringList(
              node,
              dottedKey,
              false,
              " Write the command as an argument list such as [\"my-agent\", \"--plan\","
                  + " \"{plan_file}\"]; it runs without a shell.");
      case "output" -> reader.choice(node, dottedKey, outputFormats);
      case "env" -> reader.stringMap(node, dottedKey);
      case "stop_grace_seconds" -> reader.integer(node, dottedKey, 0, 3600);
      default -> throw new IllegalArgumentException("Not a worker key: " + name);
    };
  }

  /**
   * Reads a whole {@code worker} map, leaving out every value it rejects.
   *
   * @param section the dotted key of the map, such as {@code worker}
   * @return the checked values by key, in file order; empty when the node is not a map
   */
  static Map<String, Object> readAll(
      NodeReader reader, Node node, String section, Collection<String> outputFormats) {
    Map<String, NodeTuple> entries = reader.entries(node, section, KEYS);
    Map<String, Object> values = new LinkedHashMap<>();
    if (entries == null) {
      return values;
    }
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String dotted = section + "." + entry.getKey();
      Object value =
          read(reader, entry.getKey(), entry.getValue().getValueNode(), dotted, outputFormats);
      if (value != NodeReader.INVALID) {
        values.put(entry.getKey(), value);
      }
    }
    return values;
  }
}
