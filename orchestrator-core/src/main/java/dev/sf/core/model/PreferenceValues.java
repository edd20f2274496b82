package dev.sf.core.model;

import dev.sf.core.model.PreferenceEntry.Source;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts between {@link Preferences} and the per-key values that the loader merges layer by
 * layer.
 */
final class PreferenceValues {

  private PreferenceValues() {}

  /** Returns one {@link Source#DEFAULT} entry per key, from {@link Preferences#defaults()}. */
  static Map<String, PreferenceEntry> defaultEntries() {
    Preferences defaults = Preferences.defaults();
    Map<String, Object> values = new LinkedHashMap<>();
    Preferences.Parallel parallel = defaults.parallel();
    values.put("parallel.enabled", parallel.enabled());
    values.put("parallel.max_workers", parallel.maxWorkers());
    values.put("parallel.budget_ceiling", parallel.budgetCeiling());
    values.put("parallel.merge_strategy", parallel.mergeStrategy().yamlName());
    values.put("parallel.auto_merge", parallel.autoMerge().yamlName());
    values.put("parallel.merge_style", parallel.mergeStyle().yamlName());
    Preferences.WorkerSettings worker = defaults.worker();
    values.put("worker.preset", worker.preset());
    values.put("worker.command", worker.command());
    values.put("worker.output", worker.output());
    values.put("worker.env", worker.env());
    values.put("worker.stop_grace_seconds", worker.stopGraceSeconds());
    Preferences.WorktreeSettings worktree = defaults.worktree();
    values.put("worktree.copy", worktree.copy());
    values.put("worktree.setup", worktree.setup());
    values.put("worktree.setup_timeout_seconds", worktree.setupTimeoutSeconds());
    Map<String, PreferenceEntry> entries = new LinkedHashMap<>();
    values.forEach((k, v) -> entries.put(k, new PreferenceEntry(k, v, Source.DEFAULT, null, 0)));
    return entries;
  }

  /** Builds preferences from checked entries that cover every key. */
  @SuppressWarnings("unchecked")
  static Preferences build(Map<String, PreferenceEntry> entries) {
    Map<String, Object> v = new LinkedHashMap<>();
    entries.forEach((k, e) -> v.put(k, e.value()));
    Preferences.Parallel parallel =
        new Preferences.Parallel(
            (Boolean) v.get("parallel.enabled"),
            (Integer) v.get("parallel.max_workers"),
            (BigDecimal) v.get("parallel.budget_ceiling"),
            byName(MergeStrategy.values(), (String) v.get("parallel.merge_strategy")),
            byName(AutoMerge.values(), (String) v.get("parallel.auto_merge")),
            byName(MergeStyle.values(), (String) v.get("parallel.merge_style")));
    Preferences.WorkerSettings worker =
        new Preferences.WorkerSettings(
            (String) v.get("worker.preset"),
            (List<String>) v.get("worker.command"),
            (String) v.get("worker.output"),
            (Map<String, String>) v.get("worker.env"),
            (Integer) v.get("worker.stop_grace_seconds"));
    Preferences.WorktreeSettings worktree =
        new Preferences.WorktreeSettings(
            (List<String>) v.get("worktree.copy"),
            (List<String>) v.get("worktree.setup"),
            (Integer) v.get("worktree.setup_timeout_seconds"));
    Map<String, Preferences.ModelPrice> pricing = new TreeMap<>();
    v.forEach(
        (k, value) -> {
          if (k.startsWith("pricing.")) {
            pricing.put(k.substring("pricing.".length()), (Preferences.ModelPrice) value);
          }
        });
    return new Preferences(parallel, worker, worktree, pricing);
  }

  /** Returns the YAML names of enum constants, in declaration order. */
  static List<String> names(Enum<?>[] values) {
    List<String> names = new ArrayList<>();
    for (Enum<?> value : values) {
      names.add(yamlName(value));
    }
    return names;
  }

  private static String yamlName(Enum<?> value) {
    if (value instanceof MergeStrategy strategy) {
      return strategy.yamlName();
    }
    if (value instanceof AutoMerge autoMerge) {
      return autoMerge.yamlName();
    }
    return ((MergeStyle) value).yamlName();
  }

  private static <E extends Enum<E>> E byName(E[] values, String name) {
    for (E value : values) {
      if (yamlName(value).equals(name)) {
        return value;
      }
    }
    throw new IllegalStateException("Checked value has no constant: " + name);
  }
}
