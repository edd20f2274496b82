package dev.sf.core.model;

import java.nio.file.Path;

/**
 * The effective value of one preference key and where it came from, for {@code sf preferences}.
 *
 * @param key the dotted key, such as {@code parallel.max_workers} or {@code pricing.gpt-5-codex}
 * @param value the checked value: a {@link Boolean}, {@link Integer}, {@link java.math.BigDecimal},
 *     {@link String}, {@code List<String>}, {@code Map<String, String>} or {@link
 *     Preferences.ModelPrice}; null where null means "not set" (no budget ceiling, output format
 *     from the preset)
 * @param source which layer set it
 * @param file the file that set it, or null for a default or a flag
 * @param line the 1-based line in {@code file}, or 0 without a file
 */
public record PreferenceEntry(String key, Object value, Source source, Path file, int line) {

  /** The layers of preferences, from weakest to strongest. */
  public enum Source {
    /** Built into sf. */
    DEFAULT,
    /** The user-wide file, {@code $SF_HOME/preferences.yaml}. */
    USER_FILE,
    /** The project's {@code .sf/preferences.yaml}. */
    PROJECT_FILE,
    /** A command-line flag or an embedding tool's override. */
    FLAG
  }
}
