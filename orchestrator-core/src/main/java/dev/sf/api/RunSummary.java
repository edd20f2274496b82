package dev.sf.api;

/**
 * How a coordinator session ended.
 *
 * @param exitCode 0 when every worker it ran completed (and merged, with {@code auto_merge:
 *     auto}), 1 otherwise
 * @param status the final status
 */
public record RunSummary(int exitCode, StatusSnapshot status) {

  /**
   * Returns true when the run stopped at its budget ceiling.
   *
   * @return whether the ceiling was reached
   */
  public boolean budgetReached() {
    return "reached".equals(status.budgetState());
  }
}
