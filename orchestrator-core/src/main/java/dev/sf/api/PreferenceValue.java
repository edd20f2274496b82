package dev.sf.api;

import java.nio.file.Path;

/**
 * The effective value of one preference key and where it came from.
 *
 * @param key the dotted key, such as {@code parallel.max_workers}
 * @param value the value, rendered as YAML would show it ({@code none} for no value)
 * @param source where the value came from
 * @param file the file that set it, or null for a default or a command-line flag
 * @param line the line in that file, or 0
 */
public record PreferenceValue(String key, String value, Source source, Path file, int line) {

  /** Where a preference value came from, from weakest to strongest. */
  public enum Source {
    /** The built-in default. */
    DEFAULT,
    /** The user file, {@code ~/.sf/preferences.yaml} or under {@code SF_HOME}. */
    USER_FILE,
    /** The project file, {@code .sf/preferences.yaml}. */
    PROJECT_FILE,
    /** A command-line flag or an override passed by the embedding tool. */
    FLAG
  }
}
