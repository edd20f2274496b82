package dev.sf.core.doctor;

/** What became of one finding. */
public enum Outcome {
  /** Found; {@code --fix} would repair it. */
  FOUND,
  /** Repaired by this run of the doctor. */
  FIXED,
  /** Repairing it would delete work, so it needs {@code --force} as well. */
  NEEDS_FORCE,
  /** No automatic repair exists; the finding says what to do. */
  MANUAL,
  /** The repair was tried and failed; the finding says why. */
  FAILED;

  /** Returns true when the problem is still there after the run. */
  public boolean remains() {
    return this != FIXED;
  }
}
