package dev.sf.errors;

/** Another coordinator already runs for the project; only one may run at a time. */
public class CoordinatorRunningException extends SfException {
  private static final long serialVersionUID = 1L;

  /** The process id of the coordinator that holds the project. */
  private final long pid;

  /**
   * Creates the exception.
   *
   * @param pid the process id of the running coordinator
   * @param message which process holds the project and what to do
   */
  public CoordinatorRunningException(long pid, String message) {
    super(message);
    this.pid = pid;
  }

  /**
   * Returns the process id of the coordinator that holds the project.
   *
   * @return the pid
   */
  public long pid() {
    return pid;
  }
}
