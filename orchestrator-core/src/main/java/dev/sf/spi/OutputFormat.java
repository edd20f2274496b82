package dev.sf.spi;

/**
 * A worker output format: turns the lines a worker prints into {@link WorkerOutputEvent}s. The
 * built-in formats are {@code sf-events}, {@code claude-stream-json}, {@code codex-json}, {@code
 * gemini-stream-json}, {@code aider} and {@code plain}; a tool can register its own.
 */
public interface OutputFormat {

  /**
   * Returns the name used for this format in {@code worker.output}.
   *
   * @return the format name
   */
  String name();

  /**
   * Creates a parser for one worker's output. A parser may keep state between lines; it is used
   * by one thread at a time.
   *
   * @return a new parser
   */
  OutputParser newParser();
}
