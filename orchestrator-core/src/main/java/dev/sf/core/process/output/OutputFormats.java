package dev.sf.core.process.output;

import dev.sf.spi.OutputFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable registry of output formats by name. {@link #builtIn()} contains {@code sf-events},
 * {@code claude-stream-json}, {@code codex-json}, {@code gemini-stream-json}, {@code aider} and
 * {@code plain}; {@link #with(OutputFormat)} returns a copy with one more format.
 */
public final class OutputFormats {

  private static final OutputFormats BUILT_IN = new OutputFormats(builtInFormats());

  private final Map<String, OutputFormat> byName;

  private OutputFormats(Map<String, OutputFormat> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Returns the registry of the built-in formats.
   *
   * @return the built-in formats
   */
  public static OutputFormats builtIn() {
    return BUILT_IN;
  }

  /**
   * Returns a registry with one more format. A format with the name of an existing one replaces
   * it, so a tool can change how a built-in format is read.
   *
   * @param extra the format to add
   * @return a new registry; this one is unchanged
   */
  public OutputFormats with(OutputFormat extra) {
    Objects.requireNonNull(extra, "extra");
    String name = Objects.requireNonNull(extra.name(), "format name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Output format name is blank; give the format a name");
    }
    Map<String, OutputFormat> copy = new LinkedHashMap<>(byName);
    copy.put(name, extra);
    return new OutputFormats(copy);
  }

  /**
   * Finds a format by its name, as written in {@code worker.output}.
   *
   * @param name the format name
   * @return the format, or empty when no format has that name
   */
  public Optional<OutputFormat> find(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  /**
   * Returns the names of all formats, built-in ones first, in registration order.
   *
   * @return the names
   */
  public Set<String> names() {
    return byName.keySet();
  }

  private static Map<String, OutputFormat> builtInFormats() {
    Map<String, OutputFormat> formats = new LinkedHashMap<>();
    for (OutputFormat format : new OutputFormat[] {
        new SfEventsFormat(), new ClaudeStreamJsonFormat(), new CodexJsonFormat(),
        new GeminiStreamJsonFormat(), new AiderFormat(), new PlainFormat()}) {
      formats.put(format.name(), format);
    }
    return formats;
  }
}
