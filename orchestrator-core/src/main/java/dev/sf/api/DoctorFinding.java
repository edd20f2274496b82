package dev.sf.api;

/**
 * One problem found by {@link SfProject#doctor(boolean, boolean)}.
 *
 * @param check the check that found it, such as {@code stale-coordinator-record}, {@code
 *     dead-worker-record}, {@code orphan-worker}, {@code unknown-worktree-folder}, {@code
 *     missing-worktree-folder}, {@code merged-branch}, {@code merge-leftover}, {@code
 *     other-branch-checked-out}, {@code invalid-preferences}, {@code invalid-milestone} or
 *     {@code unreadable-state-file}
 * @param subject the file, folder, branch or milestone it concerns
 * @param message what is wrong
 * @param fix what the repair does (or did), or what the user should do when there is none
 * @param outcome whether it was repaired
 */
public record DoctorFinding(String check, String subject, String message, String fix,
    Outcome outcome) {

  /** The outcome of a finding. */
  public enum Outcome {
    /** Found; repairing was not requested. */
    FOUND,
    /** Repaired. */
    FIXED,
    /** The repair would delete uncommitted work or unmerged commits, so it needs force. */
    NEEDS_FORCE,
    /** No automatic repair exists, so {@link DoctorFinding#fix()} tells the user what to do. */
    MANUAL,
    /** The repair failed, and {@link DoctorFinding#fix()} contains the reason. */
    FAILED
  }

  /**
   * Returns true when the problem is still there.
   *
   * @return false only for a repaired finding
   */
  public boolean remains() {
    return outcome != Outcome.FIXED;
  }
}
