package dev.sf.errors;

/** A git operation failed: a worktree could not be added, a branch could not be read, and so on. */
public class GitException extends SfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do
   */
  public GitException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed and what to do
   * @param cause the underlying exception
   */
  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
