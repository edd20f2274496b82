package dev.sf.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The rules of the {@code worktree} section, shared by the preferences files and the {@code
 * worktree} override in a milestone's front matter.
 */
final class WorktreeSection {

  /** Valid keys of the section. */
  static final List<String> KEYS = List.of("copy", "setup", "setup_timeout_seconds");

  /** The largest {@code setup_timeout_seconds}: one day. */
  static final int MAX_TIMEOUT_SECONDS = 86_400;

  private WorktreeSection() {}

  /**
   * Reads one key of the section.
   *
   * @param name the key inside the section, one of {@link #KEYS}
   * @param dottedKey the key as named in problems, such as {@code worktree.copy}
   * @return the value, or {@link NodeReader#INVALID} after recording a problem
   */
  static Object read(NodeReader reader, String name, Node node, String dottedKey) {
    return switch (name) {
      case "copy" -> reader.globList(node, dottedKey, false);
      case "setup" ->
          reader.stringList(
              node,
              dottedKey,
              false,
              " Write the command as an argument list such as [\"npm\", \"ci\"]; it runs without"
                  + " a shell.");
      case "setup_timeout_seconds" -> reader.integer(node, dottedKey, 1, MAX_TIMEOUT_SECONDS);
      default -> throw new IllegalArgumentException("Not a worktree key: " + name);
    };
  }

  /**
   * Reads a whole {@code worktree} map, leaving out every value it rejects.
   *
   * @param section the dotted key of the map, such as {@code worktree}
   * @return the checked values by key, in file order; empty when the node is not a map
   */
  static Map<String, Object> readAll(NodeReader reader, Node node, String section) {
    Map<String, NodeTuple> entries = reader.entries(node, section, KEYS);
    Map<String, Object> values = new LinkedHashMap<>();
    if (entries == null) {
      return values;
    }
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String dotted = section + "." + entry.getKey();
      Object value = read(reader, entry.getKey(), entry.getValue().getValueNode(), dotted);
      if (value != NodeReader.INVALID) {
        values.put(entry.getKey(), value);
      }
    }
    return values;
  }
}
