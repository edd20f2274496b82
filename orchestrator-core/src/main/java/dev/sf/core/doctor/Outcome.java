package dev.sf.core.doctor;

/** The outcome of one finding. */
public enum Outcome {
  /** Found; {@code --fix} would repair it. */
  FOUND,
  /** Repaired by this run of the doctor. */
  FIXED,
  /** Repairing it would delete work, so it needs {@code --force} as well. */
  NEEDS_FORCE,
  /** No automatic repair exists, so the finding tells the user what to do. */
  MANUAL,
  /** The repair failed, and the finding contains the reason. */
  FAILED;

  /** Returns true when the problem is still there after the run. */
  public boolean remains() {
    return this != FIXED;
  }
}
