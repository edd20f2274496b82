package dev.sf.core.model;

import java.util.List;
import java.util.Optional;

/**
 * Preferences together with the source of every key.
 *
 * @param preferences the effective preferences
 * @param entries one entry per key, sorted by key; pricing has one entry per model ({@code
 *     pricing.<model>})
 */
public record LoadedPreferences(Preferences preferences, List<PreferenceEntry> entries) {

  public LoadedPreferences {
    entries = List.copyOf(entries);
  }

  /**
   * Returns the entry of a dotted key.
   *
   * @param key such as {@code parallel.max_workers}
   * @return the entry, or empty for an unknown key or a model without pricing
   */
  public Optional<PreferenceEntry> entry(String key) {
    return entries.stream().filter(e -> e.key().equals(key)).findFirst();
  }
}
