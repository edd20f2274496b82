package dev.sf.core.model;

import dev.sf.errors.ConfigException;
import dev.sf.errors.ConfigException.Problem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The content of {@code .sf/milestones/<id>/status.yaml}, which only sf writes. It is committed
 * on the milestone branch, so merging the branch carries it to the integration branch, where
 * {@code state: completed} marks the milestone as complete and merged.
 *
 * <p>Example:
 *
 * <pre>
 * state: completed
 * slices_finished: [S01, S02]
 * completed_at: 2026-03-01T10:15:30Z
 * cost_usd: "4.125"
 * </pre>
 *
 * <p>Unknown keys are ignored, so that a file written by a newer sf still reads.
 *
 * @param state the milestone's state, such as {@code completed}
 * @param slicesFinished ids of the finished slices, in the order they finished
 * @param completedAt when the milestone completed, or null
 * @param costUsd the worker's total cost in USD, or null when unknown
 */
public record MilestoneStatus(
    String state, List<String> slicesFinished, Instant completedAt, BigDecimal costUsd) {

  /** The file name inside the milestone folder. */
  public static final String FILE_NAME = "status.yaml";

  /** The state that marks a milestone as complete. */
  public static final String COMPLETED = "completed";

  public MilestoneStatus {
    if (state == null || state.isBlank()) {
      throw new IllegalArgumentException("A milestone status needs a state");
    }
    slicesFinished = List.copyOf(slicesFinished);
  }

  /** Returns true when the state is {@code completed}. */
  public boolean isCompleted() {
    return COMPLETED.equals(state);
  }

  /**
   * Parses the content of a status file.
   *
   * @param yaml the file content; a byte-order mark and CRLF line endings are accepted
   * @param file the file named in problems
   * @throws ConfigException when the content is not valid YAML, {@code state} is missing, or a
   *     value has the wrong type
   */
  public static MilestoneStatus parse(String yaml, Path file) {
    List<Problem> problems = new ArrayList<>();
    Optional<Node> root = YamlText.compose(yaml, file, problems);
    if (root.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(file, 1, 0, "state",
          "The status file is empty. Delete it; sf writes it again when the milestone"
              + " completes."));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }

    NodeReader reader = new NodeReader(file, true, problems, List.of());
    Map<String, NodeTuple> entries = reader.entries(root.get(), null, null);
    String state = null;
    List<String> slices = List.of();
    Instant completedAt = null;
    BigDecimal cost = null;

    if (entries != null) {
      state = read(entries, "state", n -> reader.text(n, "state"), null);
      slices = read(entries, "slices_finished",
          n -> reader.stringList(n, "slices_finished", false, ""), List.of());
      completedAt = read(entries, "completed_at", n -> instant(reader, n), null);
      cost = read(entries, "cost_usd",
          n -> reader.nonNegativeNumber(n, "cost_usd", true, " of USD"), null);
      if (!entries.containsKey("state")) {
        problems.add(new Problem(file, 1, 0, "state",
            "The status file has no \"state\". Delete it; sf writes it again when the milestone"
                + " completes."));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new MilestoneStatus(state, slices, completedAt, cost);
  }

  @SuppressWarnings("unchecked")
  private static <T> T read(
      Map<String, NodeTuple> entries, String key, Function<Node, Object> reader, T absent) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || NodeReader.isNull(tuple.getValueNode())) {
      return absent;
    }
    Object value = reader.apply(tuple.getValueNode());
    return value == NodeReader.INVALID ? absent : (T) value;
  }

  private static Object instant(NodeReader reader, Node node) {
    if (node instanceof ScalarNode scalar) {
      try {
        return Instant.parse(scalar.getValue().trim());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    reader.reject(node, "completed_at",
        "completed_at: expected an ISO-8601 instant such as 2026-03-01T10:15:30Z, got "
            + NodeReader.describe(node) + ".");
    return NodeReader.INVALID;
  }

  /** Formats the status as the YAML that {@link #parse} reads. */
  public String toYaml() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("state: ").append(quote(state)).append('\n');
    yaml.append("slices_finished: [");
    for (int i = 0; i < slicesFinished.size(); i++) {
      yaml.append(i == 0 ? "" : ", ").append(quote(slicesFinished.get(i)));
    }
    yaml.append("]\n");
    if (completedAt != null) {
      yaml.append("completed_at: ").append(completedAt).append('\n');
    }
    if (costUsd != null) {
      yaml.append("cost_usd: \"").append(costUsd.toPlainString()).append("\"\n");
    }
    return yaml.toString();
  }

  /** Quotes a string as a YAML double-quoted scalar. */
  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
