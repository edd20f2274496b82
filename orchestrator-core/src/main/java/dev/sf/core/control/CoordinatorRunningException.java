package dev.sf.core.control;

/** Thrown by {@link CoordinatorLock#acquire} when another coordinator holds the project's lock. */
public final class CoordinatorRunningException extends ControlException {
  private static final long serialVersionUID = 1L;

  private final transient CoordinatorInfo holder;

  /**
   * Creates the exception for the coordinator that holds the lock.
   *
   * @param holder the running coordinator
   */
  public CoordinatorRunningException(CoordinatorInfo holder) {
    super(holder.alreadyRunningMessage());
    this.holder = holder;
  }

  /** Returns the running coordinator that holds the lock. */
  public CoordinatorInfo holder() {
    return holder;
  }
}
