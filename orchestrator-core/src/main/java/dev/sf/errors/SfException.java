package dev.sf.errors;

/**
 * Base class of every exception sf throws on purpose.
 *
 * <p>The message is written for the person who runs sf: what failed, the value involved and what
 * to do next. The original cause, when there is one, is always chained.
 */
public class SfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message for the user.
   *
   * @param message what failed and what to do next
   */
  public SfException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message for the user and the exception that caused it.
   *
   * @param message what failed and what to do next
   * @param cause the underlying exception
   */
  public SfException(String message, Throwable cause) {
    super(message, cause);
  }
}
