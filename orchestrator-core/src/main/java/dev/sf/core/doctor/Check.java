package dev.sf.core.doctor;

/** The problems {@link Doctor} looks for, each with the name used in reports and JSON. */
public enum Check {
  STALE_COORDINATOR_RECORD("stale-coordinator-record"),
  DEAD_WORKER_RECORD("dead-worker-record"),
  ORPHAN_WORKER("orphan-worker"),
  UNKNOWN_WORKTREE_FOLDER("unknown-worktree-folder"),
  MISSING_WORKTREE_FOLDER("missing-worktree-folder"),
  MERGED_BRANCH("merged-branch"),
  MERGE_LEFTOVER("merge-leftover"),
  OTHER_BRANCH_CHECKED_OUT("other-branch-checked-out"),
  INVALID_PREFERENCES("invalid-preferences"),
  INVALID_MILESTONE("invalid-milestone"),
  UNREADABLE_STATE_FILE("unreadable-state-file");

  private final String code;

  Check(String code) {
    this.code = code;
  }

  /** Returns the check's name in reports, such as {@code merged-branch}. */
  public String code() {
    return code;
  }
}
