package dev.sf.core.process.preset;

import dev.sf.core.model.Milestone;
import dev.sf.core.model.Preferences.WorkerSettings;
import dev.sf.errors.ConfigException;
import dev.sf.errors.ConfigException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the {@code worker} settings into the command to run for one milestone.
 *
 * <p>Layers, each overriding the one before it field by field: the preset's defaults, the
 * preferences' {@code worker} section, the milestone's {@code worker} map. When the milestone
 * picks a different preset than the preferences, the preferences' {@code command} and {@code
 * output} are dropped, because they were written for the other agent. Environment maps are merged
 * key by key. Placeholders {@code {milestone}}, {@code {title}}, {@code {worktree}} and {@code
 * {plan_file}} are substituted in every argument and environment value, in one pass, so a title
 * that contains a placeholder is not expanded again.
 */
public final class WorkerPresets {

  /** Keys accepted in a milestone's {@code worker} map. */
  public static final Set<String> OVERRIDE_KEYS =
      Set.of("preset", "command", "output", "env", "stop_grace_seconds");

  /** Output format used when neither a preset nor the settings name one. */
  public static final String DEFAULT_OUTPUT = "sf-events";

  private static final Path PREFERENCES_FILE = Path.of(".sf", "preferences.yaml");

  private WorkerPresets() {}

  /**
   * Returns the output format a worker uses when {@code worker.output} is not set: the preset's
   * format, or {@value #DEFAULT_OUTPUT} without a preset or for a preset name that is unknown.
   *
   * @param presetName the {@code worker.preset} value, or null
   * @return the name of the output format
   */
  public static String presetOutput(String presetName) {
    Preset preset = presetName == null ? null : Preset.byName(presetName);
    return preset == null ? DEFAULT_OUTPUT : preset.output;
  }

  /**
   * Resolves the worker of one milestone.
   *
   * @param settings the preferences' {@code worker} section
   * @param milestoneOverrides the milestone's {@code worker} map; empty for none
   * @param milestone the milestone, for placeholders and error messages
   * @param worktree the milestone's worktree
   * @param planFile the file that contains the plan
   * @return the command, output format, environment and stop grace period
   * @throws ConfigException when a preset is unknown, an override has the wrong type, or no
   *     command is left
   */
  public static ResolvedWorker resolve(WorkerSettings settings,
      Map<String, Object> milestoneOverrides, Milestone milestone, Path worktree, Path planFile) {
    Map<String, Object> overrides = milestoneOverrides == null ? Map.of() : milestoneOverrides;
    Overrides override = Overrides.parse(overrides, milestone.file());

    String presetName = override.preset() != null ? override.preset() : settings.preset();
    boolean presetChanged = override.preset() != null
        && !override.preset().equals(settings.preset());
    Preset preset = presetName == null ? null : Preset.byName(presetName);
    if (presetName != null && preset == null) {
      Path file = override.preset() != null ? milestone.file() : PREFERENCES_FILE;
      throw problem(file, "worker.preset", "Unknown worker preset '" + presetName
          + "'. Use one of " + Preset.names() + ", or leave preset out and set worker.command.");
    }

    List<String> command = preset == null ? List.of() : preset.command;
    String output = preset == null ? DEFAULT_OUTPUT : preset.output;
    if (!presetChanged && !settings.command().isEmpty()) {
      command = settings.command();
    }
    if (!presetChanged && settings.output() != null) {
      output = settings.output();
    }
    if (override.command() != null) {
      command = override.command();
    }
    if (override.output() != null) {
      output = override.output();
    }
    if (command.isEmpty()) {
      throw problem(override.preset() != null ? milestone.file() : PREFERENCES_FILE,
          "worker.command", "Milestone '" + milestone.id() + "' has no worker command: preset '"
              + presetName + "' has none of its own. Set worker.command in "
              + PREFERENCES_FILE + " or in the worker map of " + milestone.file() + ".");
    }

    Map<String, String> values = Map.of(
        "milestone", milestone.id(),
        "title", milestone.title(),
        "worktree", worktree.toString(),
        "plan_file", planFile.toString());
    List<String> argv = command.stream().map(arg -> Placeholders.substitute(arg, values)).toList();
    Map<String, String> env = new LinkedHashMap<>();
    settings.env().forEach((key, value) -> env.put(key, Placeholders.substitute(value, values)));
    override.env().forEach((key, value) -> env.put(key, Placeholders.substitute(value, values)));
    env.put("SF_MILESTONE_LOCK", milestone.id());
    env.put("SF_WORKTREE", worktree.toString());
    env.put("SF_PLAN_FILE", planFile.toString());
    int grace = override.stopGraceSeconds() != null
        ? override.stopGraceSeconds() : settings.stopGraceSeconds();
    return new ResolvedWorker(argv, output, env, grace);
  }

  /**
   * Finds the model named on a command line by {@code -m NAME}, {@code --model NAME} or {@code
   * --model=NAME}, for pricing tokens of agents whose output does not name the model.
   *
   * @param command the argument vector
   * @return the model name, or empty when the command names none
   */
  public static Optional<String> modelArgument(List<String> command) {
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      if (arg.startsWith("--model=")) {
        return Optional.of(arg.substring("--model=".length()));
      }
      if ((arg.equals("-m") || arg.equals("--model")) && i + 1 < command.size()) {
        return Optional.of(command.get(i + 1));
      }
    }
    return Optional.empty();
  }

  static ConfigException problem(Path file, String key, String message) {
    return new ConfigException(new Problem(file, 0, 0, key, message));
  }

  /** A milestone's {@code worker} map, checked for known keys and value types. */
  private record Overrides(String preset, List<String> command, String output,
      Map<String, String> env, Integer stopGraceSeconds) {

    static Overrides parse(Map<String, Object> raw, Path file) {
      for (String key : raw.keySet()) {
        if (!OVERRIDE_KEYS.contains(key)) {
          throw problem(file, "worker." + key, "Unknown key 'worker." + key
              + "' in the milestone's worker map. Use one of " + new TreeSet<>(OVERRIDE_KEYS)
              + ".");
        }
      }
      return new Overrides(
          text(raw, "preset", file),
          command(raw.get("command"), file),
          text(raw, "output", file),
          env(raw.get("env"), file),
          grace(raw.get("stop_grace_seconds"), file));
    }

    private static String text(Map<String, Object> raw, String key, Path file) {
      Object value = raw.get(key);
      if (value == null) {
        return null;
      }
      if (!(value instanceof String text) || text.isBlank()) {
        throw problem(file, "worker." + key,
            "worker." + key + " must be a non-empty string, not '" + value + "'.");
      }
      return text;
    }

    private static List<String> command(Object value, Path file) {
      if (value == null) {
        return null;
      }
      if (!(value instanceof List<?> items)) {
        throw problem(file, "worker.command", "worker.command must be a list of arguments such"
            + " as [\"my-agent\", \"--plan\", \"{plan_file}\"], not '" + value
            + "'; sf runs it without a shell.");
      }
      List<String> command = new ArrayList<>();
      for (Object item : items) {
        if (!(item instanceof String) && !(item instanceof Number)) {
          throw problem(file, "worker.command",
              "worker.command must contain only strings, not '" + item + "'.");
        }
        command.add(item.toString());
      }
      return command;
    }

    private static Map<String, String> env(Object value, Path file) {
      if (value == null) {
        return Map.of();
      }
      if (!(value instanceof Map<?, ?> entries)) {
        throw problem(file, "worker.env",
            "worker.env must be a map of variable names to values, not '" + value + "'.");
      }
      Map<String, String> env = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        Object name = entry.getKey();
        Object text = entry.getValue();
        boolean scalar =
            text instanceof String || text instanceof Number || text instanceof Boolean;
        if (!(name instanceof String) || !scalar) {
          throw problem(file, "worker.env", "worker.env entry '" + name + "' must map a name to a"
              + " string, number or boolean, not '" + text + "'.");
        }
        env.put((String) name, Objects.toString(text));
      }
      return env;
    }

    private static Integer grace(Object value, Path file) {
      if (value == null) {
        return null;
      }
      if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
          || ((Number) value).longValue() > 3600) {
        throw problem(file, "worker.stop_grace_seconds",
            "worker.stop_grace_seconds must be a whole number of seconds from 0 to 3600, not '"
                + value + "'.");
      }
      return ((Number) value).intValue();
    }
  }
}
