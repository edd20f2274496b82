package dev.sf.core.model;

import dev.sf.core.model.PreferenceEntry.Source;
import dev.sf.errors.ConfigException;
import dev.sf.errors.ConfigException.Problem;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads preferences in layers, each overriding the one before key by key: built-in defaults, the
 * user file {@code <user folder>/preferences.yaml}, the project file {@code
 * <project>/.sf/preferences.yaml}, and flags. Every value is checked; all problems of all layers
 * are collected and thrown together as one {@link ConfigException}.
 *
 * <p>Instances are immutable; the {@code with...} methods return a changed copy.
 */
public final class PreferencesLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PreferencesLoader.class);

  /** The default upper limit of {@code parallel.max_workers}. */
  public static final int DEFAULT_MAX_WORKERS_LIMIT = 4;

  /** The file name shown in problems that come from flags. */
  public static final Path COMMAND_LINE = Path.of("command line");

  /** The name of the preferences file in the user folder and in {@code .sf/}. */
  public static final String FILE_NAME = "preferences.yaml";

  /** The environment variable that names the user folder. */
  public static final String SF_HOME = "SF_HOME";

  private static final List<String> PARALLEL_KEYS =
      List.of(
          "enabled", "max_workers", "budget_ceiling", "merge_strategy", "auto_merge",
          "merge_style");
  private static final List<String> WORKTREE_KEYS = WorktreeSection.KEYS;
  private static final List<String> PRICE_KEYS = List.of("input", "cached_input", "output");
  private static final List<String> SECTIONS = List.of("parallel", "worker", "worktree", "pricing");

  private final Path userFolder;
  private final int maxWorkersLimit;
  private final Set<String> outputFormats;

  /**
   * Creates a loader that reads the user file from the given folder.
   *
   * @param userFolder the folder of the user-wide {@code preferences.yaml}, normally {@link
   *     #defaultUserFolder()}; a missing folder or file means nothing is set there
   */
  public PreferencesLoader(Path userFolder) {
    this(userFolder, DEFAULT_MAX_WORKERS_LIMIT, new LinkedHashSet<>(WorkerSection.OUTPUT_FORMATS));
  }

  private PreferencesLoader(Path userFolder, int maxWorkersLimit, Set<String> outputFormats) {
    this.userFolder = userFolder;
    this.maxWorkersLimit = maxWorkersLimit;
    this.outputFormats = Collections.unmodifiableSet(new LinkedHashSet<>(outputFormats));
  }

  /**
   * Returns the user folder: the value of {@code SF_HOME} when it is set and not blank, otherwise
   * {@code ~/.sf}.
   */
  public static Path defaultUserFolder() {
    return userFolder(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Returns the user folder for the given environment and home folder.
   *
   * @param environment environment variables, of which only {@code SF_HOME} is read
   * @param home the user's home folder
   */
  public static Path userFolder(Map<String, String> environment, Path home) {
    String configured = environment.get(SF_HOME);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return home.resolve(".sf");
  }

  /** Returns the project preferences file of a project root. */
  public static Path projectFile(Path projectRoot) {
    return projectRoot.resolve(".sf").resolve(FILE_NAME);
  }

  /** Returns the user preferences file this loader reads. */
  public Path userFile() {
    return userFolder.resolve(FILE_NAME);
  }

  /**
   * Returns a loader that allows {@code parallel.max_workers} up to {@code limit} instead of 4.
   *
   * @param limit the largest valid value, at least 1
   */
  public PreferencesLoader withMaxWorkersLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("maxWorkersLimit must be at least 1, got " + limit);
    }
    return new PreferencesLoader(userFolder, limit, outputFormats);
  }

  /**
   * Returns a loader that also accepts the given names for {@code worker.output}, for output
   * formats that an embedding tool adds.
   */
  public PreferencesLoader withExtraOutputFormats(Collection<String> names) {
    Set<String> formats = new LinkedHashSet<>(outputFormats);
    formats.addAll(names);
    return new PreferencesLoader(userFolder, maxWorkersLimit, formats);
  }

  /** Returns the largest valid {@code parallel.max_workers}. */
  public int maxWorkersLimit() {
    return maxWorkersLimit;
  }

  /** Returns the valid values of {@code worker.output}. */
  public Set<String> outputFormats() {
    return outputFormats;
  }

  /**
   * Loads the preferences of a project without flags.
   *
   * @param projectRoot the project root; its {@code .sf/preferences.yaml} may be missing
   * @throws ConfigException with every problem found
   */
  public LoadedPreferences load(Path projectRoot) {
    return load(projectRoot, Map.of());
  }

  /**
   * Loads the preferences of a project.
   *
   * @param projectRoot the project root; its {@code .sf/preferences.yaml} may be missing
   * @param flags overrides by dotted key ({@code parallel.max_workers} to {@code "3"}), each value
   *     read as YAML, so {@code "[npm, ci]"} is a list and {@code "none"} is no ceiling; {@code
   *     pricing.<model>} takes a map such as {@code "{input: 1, output: 4}"}. A null or empty
   *     value is YAML null: no ceiling for {@code budget_ceiling}, an empty list or map for list
   *     and map keys, and a problem for the other keys
   * @throws ConfigException with every problem found in the files and flags
   */
  public LoadedPreferences load(Path projectRoot, Map<String, String> flags) {
    List<Problem> problems = new ArrayList<>();
    Map<String, PreferenceEntry> entries = PreferenceValues.defaultEntries();
    readFile(userFile(), Source.USER_FILE, entries, problems);
    readFile(projectFile(projectRoot), Source.PROJECT_FILE, entries, problems);
    for (Map.Entry<String, String> flag : new TreeMap<>(flags).entrySet()) {
      applyFlag(flag.getKey(), flag.getValue(), entries, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(ProblemOrder.byLineWithinFile(problems));
    }
    return new LoadedPreferences(PreferenceValues.build(entries), new ArrayList<>(new TreeMap<>(entries).values()));
  }

  /** Returns every dotted key except the per-model pricing keys. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    PARALLEL_KEYS.forEach(k -> keys.add("parallel." + k));
    WorkerSection.KEYS.forEach(k -> keys.add("worker." + k));
    WORKTREE_KEYS.forEach(k -> keys.add("worktree." + k));
    return keys;
  }

  private void readFile(
      Path file, Source source, Map<String, PreferenceEntry> into, List<Problem> problems) {
    if (!Files.exists(file)) {
      LOG.debug("No preferences file at {}", file);
      return;
    }
    Optional<Node> root =
        YamlText.readUtf8(file, problems).flatMap(text -> YamlText.compose(text, file, problems));
    if (root.isEmpty()) {
      return;
    }
    NodeReader reader = new NodeReader(file, true, problems, keys());
    Map<String, NodeTuple> sections = reader.entries(root.get(), null, SECTIONS);
    if (sections == null) {
      return;
    }
    for (Map.Entry<String, NodeTuple> section : sections.entrySet()) {
      String name = section.getKey();
      Node node = section.getValue().getValueNode();
      Collection<String> validKeys = name.equals("pricing") ? null : sectionKeys(name);
      Map<String, NodeTuple> values = reader.entries(node, name, validKeys);
      if (values == null) {
        continue;
      }
      for (Map.Entry<String, NodeTuple> value : values.entrySet()) {
        String key = name + "." + value.getKey();
        NodeTuple tuple = value.getValue();
        Object checked = readValue(reader, name, value.getKey(), tuple.getValueNode(), key);
        if (checked != NodeReader.INVALID) {
          int line = reader.line(tuple.getKeyNode());
          into.put(key, new PreferenceEntry(key, checked, source, file, line));
        }
      }
    }
  }

  private static List<String> sectionKeys(String section) {
    return switch (section) {
      case "parallel" -> PARALLEL_KEYS;
      case "worker" -> WorkerSection.KEYS;
      case "worktree" -> WORKTREE_KEYS;
      default -> List.of();
    };
  }

  private Object readValue(
      NodeReader reader, String section, String name, Node node, String key) {
    return switch (section) {
      case "parallel" -> readParallel(reader, name, node, key);
      case "worker" -> WorkerSection.read(reader, name, node, key, outputFormats);
      case "worktree" -> readWorktree(reader, name, node, key);
      case "pricing" -> readPrice(reader, node, key);
      default -> throw new IllegalArgumentException("Not a section: " + section);
    };
  }

  private Object readParallel(NodeReader reader, String name, Node node, String key) {
    return switch (name) {
      case "enabled" -> reader.bool(node, key);
      case "max_workers" -> reader.integer(node, key, 1, maxWorkersLimit);
      case "budget_ceiling" -> reader.nonNegativeNumber(node, key, true, " of USD");
      case "merge_strategy" -> reader.choice(node, key, PreferenceValues.names(MergeStrategy.values()));
      case "auto_merge" -> reader.choice(node, key, PreferenceValues.names(AutoMerge.values()));
      case "merge_style" -> reader.choice(node, key, PreferenceValues.names(MergeStyle.values()));
      default -> throw new IllegalArgumentException("Not a parallel key: " + name);
    };
  }

  private static Object readWorktree(NodeReader reader, String name, Node node, String key) {
    return WorktreeSection.read(reader, name, node, key);
  }

  /** Reads one model's prices; {@code cached_input} defaults to {@code input}. */
  private static Object readPrice(NodeReader reader, Node node, String key) {
    Map<String, NodeTuple> entries = reader.entries(node, key, PRICE_KEYS);
    if (entries == null) {
      return NodeReader.INVALID;
    }
    Map<String, BigDecimal> prices = new LinkedHashMap<>();
    boolean valid = true;
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String priceKey = key + "." + entry.getKey();
      Object price =
          reader.nonNegativeNumber(
              entry.getValue().getValueNode(), priceKey, false, " of USD per million tokens");
      if (price == NodeReader.INVALID) {
        valid = false;
      } else {
        prices.put(entry.getKey(), (BigDecimal) price);
      }
    }
    for (String required : List.of("input", "output")) {
      if (!entries.containsKey(required)) {
        reader.reject(
            node,
            key + "." + required,
            key + ": missing \"" + required + "\". Add the price in USD per million "
                + required + " tokens, for example {input: 1.25, output: 10}.");
        valid = false;
      }
    }
    if (!valid) {
      return NodeReader.INVALID;
    }
    BigDecimal input = prices.get("input");
    return new Preferences.ModelPrice(
        input, prices.getOrDefault("cached_input", input), prices.get("output"));
  }

  private void applyFlag(
      String key, String value, Map<String, PreferenceEntry> into, List<Problem> problems) {
    int dot = key.indexOf('.');
    String section = dot < 0 ? key : key.substring(0, dot);
    String name = dot < 0 ? "" : key.substring(dot + 1);
    boolean known =
        section.equals("pricing") ? !name.isEmpty() : keys().contains(key);
    if (!known) {
      String hint =
          KeySuggestions.nearest(key, keys()).map(k -> " Did you mean \"" + k + "\"?").orElse("");
      problems.add(new Problem(COMMAND_LINE, 0, 0, key, "Unknown key \"" + key + "\"." + hint));
      return;
    }
    Node node = flagNode(value);
    NodeReader reader = new NodeReader(COMMAND_LINE, false, problems, keys());
    Object checked = readValue(reader, section, name, node, key);
    if (checked != NodeReader.INVALID) {
      into.put(key, new PreferenceEntry(key, checked, Source.FLAG, null, 0));
    }
  }

  /** Reads a flag value as YAML, or as a plain string when it is not valid YAML. */
  private static Node flagNode(String value) {
    List<Problem> ignored = new ArrayList<>();
    Optional<Node> node = YamlText.compose(value == null ? "" : value, COMMAND_LINE, ignored);
    if (node.isPresent()) {
      return node.get();
    }
    Tag tag = ignored.isEmpty() ? Tag.NULL : Tag.STR;
    String text = ignored.isEmpty() ? "" : value;
    return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
  }
}
