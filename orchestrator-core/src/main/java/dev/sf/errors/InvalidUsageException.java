package dev.sf.errors;

/**
 * The request cannot be carried out as asked: parallel runs are disabled, there are no
 * milestones, a milestone id is unknown. The CLI reports it with exit code 2.
 */
public class InvalidUsageException extends SfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and what to do
   */
  public InvalidUsageException(String message) {
    super(message);
  }
}
