package dev.sf.core.model;

import dev.sf.errors.ConfigException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses one {@code MILESTONE.md}: optional YAML front matter between a first line {@code ---}
 * and the next line {@code ---}, then the markdown plan. The front matter is composed together
 * with its opening {@code ---} line, so SnakeYAML's line numbers are the file's line numbers.
 */
final class MilestoneFile {

  /** Valid front-matter keys. */
  static final List<String> KEYS =
      List.of("title", "depends_on", "dependsOn", "files", "slices", "worker", "worktree");

  private static final Pattern LINE = Pattern.compile("([^\\r\\n]*)(\\r\\n|\\r|\\n|$)");

  /**
   * A parsed file with the lines that later cross-milestone checks point at.
   *
   * @param milestone the milestone
   * @param dependencyLines the line of each {@code depends_on} entry, by id
   */
  record Parsed(Milestone milestone, Map<String, Integer> dependencyLines) {}

  private MilestoneFile() {}

  /**
   * Parses the text of a milestone file, adding every problem found.
   *
   * @param id the milestone id (its folder name)
   * @return the milestone with every valid value, or empty when the front matter is not a map of
   *     keys; the caller must check {@code problems} as well
   */
  static Optional<Parsed> parse(
      String id, String text, Path file, Collection<String> outputFormats, List<Problem> problems) {
    String content = YamlText.stripByteOrderMark(text);
    List<int[]> lines = lineBounds(content);
    if (lines.isEmpty() || !isFence(content, lines.get(0))) {
      Milestone milestone =
          new Milestone(id, id, List.of(), List.of(), List.of(), Map.of(), content, file);
      return Optional.of(new Parsed(milestone, Map.of()));
    }
    int closing = -1;
    for (int i = 1; i < lines.size(); i++) {
      if (isFence(content, lines.get(i))) {
        closing = i;
        break;
      }
    }
    if (closing < 0) {
      problems.add(
          new Problem(
              file, 1, 1, null,
              "The front matter opened by \"---\" on line 1 is not closed. Add a line \"---\""
                  + " after the last front-matter key."));
      return Optional.empty();
    }
    String yaml = content.substring(0, lines.get(closing)[0]);
    String plan = content.substring(Math.min(content.length(), lines.get(closing)[2]));
    Optional<Node> root = YamlText.compose(yaml, file, problems);
    NodeReader reader = new NodeReader(file, true, problems, List.of());
    Milestone milestone =
        root.isEmpty()
            ? new Milestone(id, id, List.of(), List.of(), List.of(), Map.of(), plan, file)
            : null;
    Map<String, Integer> dependencyLines = new LinkedHashMap<>();
    if (root.isPresent()) {
      milestone = readFrontMatter(id, root.get(), plan, file, reader, outputFormats,
          dependencyLines);
    }
    if (milestone == null) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(milestone, dependencyLines));
  }

  private static Milestone readFrontMatter(
      String id,
      Node root,
      String plan,
      Path file,
      NodeReader reader,
      Collection<String> outputFormats,
      Map<String, Integer> dependencyLines) {
    Map<String, NodeTuple> entries = reader.entries(root, null, KEYS);
    if (entries == null) {
      return null;
    }
    String title = id;
    if (entries.containsKey("title")) {
      Object value = reader.text(entries.get("title").getValueNode(), "title");
      title = value == NodeReader.INVALID ? id : (String) value;
    }
    List<String> dependsOn = readDependsOn(entries, reader, dependencyLines);
    List<String> files = List.of();
    if (entries.containsKey("files")) {
      Object value = reader.globList(entries.get("files").getValueNode(), "files", true);
      files = value == NodeReader.INVALID ? List.of() : castList(value);
    }
    List<Milestone.Slice> slices = List.of();
    if (entries.containsKey("slices")) {
      slices = readSlices(entries.get("slices").getValueNode(), reader);
    }
    Map<String, Object> worker = Map.of();
    if (entries.containsKey("worker")) {
      Node node = entries.get("worker").getValueNode();
      worker = WorkerSection.readAll(reader, node, "worker", outputFormats);
    }
    Map<String, Object> worktree = Map.of();
    if (entries.containsKey("worktree")) {
      Node node = entries.get("worktree").getValueNode();
      worktree = WorktreeSection.readAll(reader, node, "worktree");
    }
    return new Milestone(id, title, dependsOn, files, slices, worker, worktree, plan, file);
  }

  private static List<String> readDependsOn(
      Map<String, NodeTuple> entries, NodeReader reader, Map<String, Integer> dependencyLines) {
    NodeTuple snake = entries.get("depends_on");
    NodeTuple camel = entries.get("dependsOn");
    if (snake != null && camel != null) {
      NodeTuple later =
          reader.line(snake.getKeyNode()) > reader.line(camel.getKeyNode()) ? snake : camel;
      reader.reject(
          later.getKeyNode(),
          "depends_on",
          "Both \"depends_on\" and \"dependsOn\" are set. Keep one of them.");
      return List.of();
    }
    NodeTuple tuple = snake != null ? snake : camel;
    if (tuple == null) {
      return List.of();
    }
    Node node = tuple.getValueNode();
    Object value = reader.stringList(node, "depends_on", true, "");
    if (value == NodeReader.INVALID) {
      return List.of();
    }
    List<String> ids = castList(value);
    List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    for (int i = 0; i < ids.size(); i++) {
      Integer first = dependencyLines.putIfAbsent(ids.get(i), reader.line(items.get(i)));
      if (first != null) {
        reader.reject(
            items.get(i),
            "depends_on",
            "depends_on lists \"" + ids.get(i) + "\" twice (first on line " + first
                + "). Remove one of them.");
      }
    }
    return ids;
  }

  private static List<Milestone.Slice> readSlices(Node node, NodeReader reader) {
    if (NodeReader.isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      reader.reject(
          node, "slices",
          "slices: expected a list of {id, title} maps, got " + NodeReader.describe(node) + ".");
      return List.of();
    }
    List<Milestone.Slice> slices = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Node item : sequence.getValue()) {
      if (!(item instanceof MappingNode)) {
        reader.reject(
            item, "slices",
            "slices: expected a map such as {id: S01, title: Data model}, got "
                + NodeReader.describe(item) + ".");
        continue;
      }
      Map<String, NodeTuple> entries = reader.entries(item, "slices", List.of("id", "title"));
      if (!entries.containsKey("id")) {
        reader.reject(item, "slices.id", "slices: a slice has no \"id\". Add one such as S01.");
        continue;
      }
      Node idNode = entries.get("id").getValueNode();
      Object sliceId = reader.text(idNode, "slices.id");
      if (sliceId == NodeReader.INVALID) {
        continue;
      }
      String text = (String) sliceId;
      if (!MilestoneLoader.isValidId(text)) {
        reader.reject(idNode, "slices.id", "Slice id \"" + text + "\" is invalid. "
            + MilestoneLoader.ID_RULE);
        continue;
      }
      Integer first = seen.putIfAbsent(text.toLowerCase(Locale.ROOT), reader.line(idNode));
      if (first != null) {
        reader.reject(
            idNode, "slices.id",
            "Slice id \"" + text + "\" is used twice (first on line " + first
                + "; ids that differ only in case count as the same). Give each slice its own"
                + " id.");
        continue;
      }
      String title = text;
      if (entries.containsKey("title")) {
        Object value = reader.text(entries.get("title").getValueNode(), "slices.title");
        title = value == NodeReader.INVALID ? text : (String) value;
      }
      slices.add(new Milestone.Slice(text, title));
    }
    return slices;
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object value) {
    return (List<String>) value;
  }

  /** Returns {start, end of content, end including the line break} of every line. */
  private static List<int[]> lineBounds(String content) {
    List<int[]> bounds = new ArrayList<>();
    Matcher matcher = LINE.matcher(content);
    int position = 0;
    while (position < content.length() && matcher.find(position)) {
      bounds.add(new int[] {matcher.start(), matcher.end(1), matcher.end()});
      position = matcher.end();
    }
    return bounds;
  }

  private static boolean isFence(String content, int[] line) {
    return content.substring(line[0], line[1]).stripTrailing().equals("---");
  }
}
