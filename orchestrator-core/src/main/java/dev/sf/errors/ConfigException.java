package dev.sf.errors;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Invalid preferences or milestone files. Each {@link Problem} names the file, the line and
 * column where known, and the key.
 *
 * <p>The CLI reports this exception with exit code 2, and nothing is created or started.
 */
public class ConfigException extends SfException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates an exception for one or more problems.
   *
   * @param problems the problems found, at least one
   */
  public ConfigException(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("A ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /**
   * Creates an exception for a single problem.
   *
   * @param problem the problem found
   */
  public ConfigException(Problem problem) {
    this(List.of(problem));
  }

  /**
   * Returns every problem found, in file order.
   *
   * @return the problems, never empty
   */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    StringBuilder text = new StringBuilder();
    for (Problem problem : problems) {
      if (text.length() > 0) {
        text.append(System.lineSeparator());
      }
      text.append(problem);
    }
    return text.toString();
  }

  /**
   * One problem in one file.
   *
   * @param file the file that contains the problem
   * @param line the 1-based line, or 0 when the problem has no line (a missing file)
   * @param column the 1-based column, or 0 when unknown
   * @param key the dotted key such as {@code parallel.max_workers}, or null
   * @param message what is wrong and what to do, as one or two sentences
   */
  public record Problem(Path file, int line, int column, String key, String message) {

    /**
     * Returns the key, if the problem concerns one.
     *
     * @return the dotted key
     */
    public Optional<String> optionalKey() {
      return Optional.ofNullable(key);
    }

    /** Formats the problem as {@code file:line:column: message}. */
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(String.valueOf(file));
      if (line > 0) {
        text.append(':').append(line);
        if (column > 0) {
          text.append(':').append(column);
        }
      }
      return text.append(": ").append(message).toString();
    }
  }
}
