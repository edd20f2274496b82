package dev.sf.core.model;

import dev.sf.errors.ConfigException.Problem;
import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Converts SnakeYAML nodes to checked values and records a {@link Problem} with the node's line
 * and column for every value it rejects, so that a caller can collect all problems of a file in
 * one pass. Each conversion returns {@link #INVALID} after recording a problem.
 */
final class NodeReader {

  /** Returned by a conversion that rejected its node. */
  static final Object INVALID =
      new Object() {
        @Override
        public String toString() {
          return "invalid";
        }
      };

  private static final Set<String> NONE_WORDS = Set.of("none", "null", "~", "");

  private final Path file;
  private final boolean withLines;
  private final List<Problem> problems;
  private final Collection<String> allKeys;

  /**
   * Creates a reader.
   *
   * @param file the file named in problems
   * @param withLines false for values that did not come from a file (flags): problems get line 0
   * @param problems where problems are added
   * @param allKeys every valid dotted key, used to suggest a key that belongs to another section
   */
  NodeReader(Path file, boolean withLines, List<Problem> problems, Collection<String> allKeys) {
    this.file = file;
    this.withLines = withLines;
    this.problems = problems;
    this.allKeys = allKeys;
  }

  Path file() {
    return file;
  }

  List<Problem> problems() {
    return problems;
  }

  /** Returns the 1-based line of the node, or 0 for values that did not come from a file. */
  int line(Node node) {
    return withLines ? node.getStartMark().getLine() + 1 : 0;
  }

  /** Records a problem at the node. */
  void reject(Node node, String key, String message) {
    int column = withLines ? node.getStartMark().getColumn() + 1 : 0;
    problems.add(new Problem(file, line(node), column, key, message));
  }

  /** Describes a node's value for a message: the scalar in quotes, or the kind of collection. */
  static String describe(Node node) {
    if (node instanceof ScalarNode scalar) {
      if (isNull(node)) {
        return "nothing";
      }
      return "\"" + scalar.getValue() + "\"";
    }
    return node instanceof SequenceNode ? "a list" : "a map";
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static Optional<String> scalarText(Node node) {
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return Optional.of(scalar.getValue());
    }
    return Optional.empty();
  }

  private Object expected(Node node, String key, String expectation) {
    reject(node, key, key + ": expected " + expectation + ", got " + describe(node) + ".");
    return INVALID;
  }

  /** Reads {@code true} or {@code false}. */
  Object bool(Node node, String key) {
    String text = scalarText(node).orElse("").toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    return expected(node, key, "true or false");
  }

  /** Reads a whole number from {@code min} to {@code max}. */
  Object integer(Node node, String key, int min, int max) {
    String expectation = "an integer from " + min + " to " + max;
    Optional<String> text = scalarText(node);
    if (text.isEmpty() || !text.get().trim().matches("[+-]?[0-9]{1,10}")) {
      return expected(node, key, expectation);
    }
    long value = Long.parseLong(text.get().trim());
    if (value < min || value > max) {
      return expected(node, key, expectation);
    }
    return (int) value;
  }

  /**
   * Reads a non-negative decimal number.
   *
   * @param noneAllowed whether {@code none}, {@code null} or an empty value stand for "no value",
   *     returned as null
   */
  Object nonNegativeNumber(Node node, String key, boolean noneAllowed, String unit) {
    String expectation =
        "a non-negative number" + unit + (noneAllowed ? " or none for no limit" : "");
    if (noneAllowed && (isNull(node) || scalarText(node).map(t -> NONE_WORDS.contains(
        t.trim().toLowerCase(Locale.ROOT))).orElse(false))) {
      return null;
    }
    Optional<String> text = scalarText(node);
    if (text.isEmpty()) {
      return expected(node, key, expectation);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.get().trim());
    } catch (NumberFormatException e) {
      return expected(node, key, expectation);
    }
    if (value.signum() < 0) {
      return expected(node, key, expectation);
    }
    return value;
  }

  /** Reads one of the given names. */
  Object choice(Node node, String key, Collection<String> valid) {
    Optional<String> text = scalarText(node);
    if (text.isPresent() && valid.contains(text.get())) {
      return text.get();
    }
    String hint =
        text.flatMap(t -> KeySuggestions.nearest(t, valid))
            .map(s -> " Did you mean \"" + s + "\"?")
            .orElse("");
    reject(
        node,
        key,
        key + ": expected one of " + String.join(", ", valid) + ", got " + describe(node) + "."
            + hint);
    return INVALID;
  }

  /** Reads a non-empty string; numbers and booleans are taken as written. */
  Object text(Node node, String key) {
    Optional<String> text = scalarText(node);
    if (text.isEmpty() || text.get().isBlank()) {
      return expected(node, key, "a non-empty string");
    }
    return text.get();
  }

  /**
   * Reads a list of non-empty strings; numbers and booleans in it are taken as written.
   *
   * @param acceptSingle whether a single string stands for a list of one
   * @param hint a sentence appended when the node is not a list
   */
  Object stringList(Node node, String key, boolean acceptSingle, String hint) {
    if (isNull(node)) {
      return List.of();
    }
    if (acceptSingle && node instanceof ScalarNode) {
      Object single = text(node, key);
      return single == INVALID ? INVALID : List.of(single);
    }
    if (!(node instanceof SequenceNode sequence)) {
      reject(
          node,
          key,
          key + ": expected a list of strings, got " + describe(node) + "." + hint);
      return INVALID;
    }
    List<String> values = new ArrayList<>();
    boolean valid = true;
    for (Node item : sequence.getValue()) {
      Object value = text(item, key);
      if (value == INVALID) {
        valid = false;
      } else {
        values.add((String) value);
      }
    }
    return valid ? List.copyOf(values) : INVALID;
  }

  /** Reads a list of glob patterns and checks their syntax. */
  Object globList(Node node, String key, boolean acceptSingle) {
    Object values = stringList(node, key, acceptSingle, "");
    if (values == INVALID) {
      return INVALID;
    }
    boolean valid = true;
    List<Node> items =
        node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    @SuppressWarnings("unchecked")
    List<String> globs = (List<String>) values;
    for (int i = 0; i < globs.size(); i++) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + globs.get(i));
      } catch (IllegalArgumentException e) {
        reject(
            items.get(i),
            key,
            key + ": invalid glob \"" + globs.get(i) + "\": " + e.getMessage().lines().findFirst()
                .orElse("") + ". Fix the pattern.");
        valid = false;
      }
    }
    return valid ? values : INVALID;
  }

  /**
   * Reads a map of string keys to string values. Numbers and booleans are taken as written, so
   * {@code DEBUG: 1} gives {@code "1"}; nulls, lists and maps are rejected.
   */
  Object stringMap(Node node, String key) {
    Map<String, NodeTuple> entries = entries(node, key, null);
    if (entries == null) {
      return INVALID;
    }
    Map<String, String> values = new LinkedHashMap<>();
    boolean valid = true;
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      Node value = entry.getValue().getValueNode();
      Optional<String> text = scalarText(value);
      if (text.isEmpty()) {
        expected(value, key + "." + entry.getKey(), "a string");
        valid = false;
      } else {
        values.put(entry.getKey(), text.get());
      }
    }
    return valid ? values : INVALID;
  }

  /**
   * Returns the key-value pairs of a mapping node by key name, in file order, or null after recording a
   * problem when the node is not a map. A null node (an empty section) gives an empty map.
   * Duplicate keys and, when {@code validKeys} is not null, unknown keys are reported and left
   * out.
   *
   * @param section the dotted key of the map, or null for the top level
   */
  Map<String, NodeTuple> entries(Node node, String section, Collection<String> validKeys) {
    if (isNull(node)) {
      return Map.of();
    }
    if (!(node instanceof MappingNode mapping)) {
      String where = section == null ? "The top level" : section;
      reject(
          node,
          section,
          where + ": expected a map of keys to values, got " + describe(node) + ".");
      return null;
    }
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    Map<String, Integer> firstLines = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Optional<String> name = scalarText(keyNode);
      if (name.isEmpty()) {
        reject(keyNode, section, "Expected a plain key name, got " + describe(keyNode) + ".");
        continue;
      }
      String dotted = section == null ? name.get() : section + "." + name.get();
      Integer firstLine = firstLines.putIfAbsent(name.get(), line(keyNode));
      if (firstLine != null) {
        reject(
            keyNode,
            dotted,
            "Key \"" + dotted + "\" is set twice (first on line " + firstLine
                + "). Remove one of them.");
        continue;
      }
      if (validKeys != null && !validKeys.contains(name.get())) {
        reject(keyNode, dotted, unknownKeyMessage(name.get(), section, validKeys));
        continue;
      }
      entries.put(name.get(), tuple);
    }
    return entries;
  }

  private String unknownKeyMessage(String name, String section, Collection<String> validKeys) {
    String dotted = section == null ? name : section + "." + name;
    StringBuilder message = new StringBuilder("Unknown key \"" + dotted + "\".");
    Optional<String> near = KeySuggestions.nearest(name, validKeys);
    if (near.isPresent()) {
      String suggestion = section == null ? near.get() : section + "." + near.get();
      return message.append(" Did you mean \"").append(suggestion).append("\"?").toString();
    }
    for (String key : allKeys) {
      if (key.endsWith("." + name) || KeySuggestions.nearest(name, List.of(leaf(key))).isPresent()
          && key.contains(".")) {
        return message.append(" Did you mean \"").append(key).append("\"?").toString();
      }
    }
    return message.append(" Valid keys here: ").append(String.join(", ", validKeys)).append('.')
        .toString();
  }

  private static String leaf(String dottedKey) {
    return dottedKey.substring(dottedKey.lastIndexOf('.') + 1);
  }
}
