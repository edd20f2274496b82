package dev.sf.core.control;

import dev.sf.errors.SfException;

/**
 * Failure of the control channel: the socket folder is unsafe, the coordinator record is
 * unreadable, or a running coordinator did not respond in time.
 */
public class ControlException extends SfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message for the user.
   *
   * @param message what failed and what to do next
   */
  public ControlException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message for the user and the exception that caused it.
   *
   * @param message what failed and what to do next
   * @param cause the underlying exception
   */
  public ControlException(String message, Throwable cause) {
    super(message, cause);
  }
}
