package dev.sf.errors;

import java.nio.file.Path;

/** A run state file under {@code .sf/parallel} cannot be read. */
public class StateFileException extends SfException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Creates the exception.
   *
   * @param file the unreadable file
   * @param message what is wrong and what to do
   * @param cause the underlying exception
   */
  public StateFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /**
   * Returns the file that cannot be read.
   *
   * @return the file
   */
  public Path file() {
    return file;
  }
}
