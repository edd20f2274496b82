package dev.sf.errors;

/** The folder is not inside a git repository, or the repository has no {@code .sf} folder. */
public class NotAProjectException extends SfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which folder and what to do
   */
  public NotAProjectException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message which folder and what to do
   * @param cause the underlying exception
   */
  public NotAProjectException(String message, Throwable cause) {
    super(message, cause);
  }
}
