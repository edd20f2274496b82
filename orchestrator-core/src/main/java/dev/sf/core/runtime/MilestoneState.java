package dev.sf.core.runtime;

import java.util.Arrays;
import java.util.Optional;

/**
 * The states a milestone passes through in a run. A worker moves through {@code pending →
 * starting → running ⇄ paused → stopping → stopped}; the ends are {@code completed}, {@code
 * failed}, {@code merged} and {@code conflict}.
 */
public enum MilestoneState {
  PENDING("pending"),
  STARTING("starting"),
  RUNNING("running"),
  PAUSED("paused"),
  STOPPING("stopping"),
  STOPPED("stopped"),
  BUDGET_STOPPED("budget-stopped"),
  FAILED("failed"),
  COMPLETED("completed"),
  AWAITING_MERGE("awaiting-merge"),
  MERGING("merging"),
  MERGED("merged"),
  CONFLICT("conflict");

  private final String wireName;

  MilestoneState(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the name used in state files, JSON output and messages. */
  public String wireName() {
    return wireName;
  }

  /** Returns true while a worker process exists for the milestone. */
  public boolean hasWorker() {
    return this == STARTING || this == RUNNING || this == PAUSED || this == STOPPING;
  }

  /** Returns true when the milestone's worker finished its work and the work awaits a merge. */
  public boolean awaitsMerge() {
    return this == COMPLETED || this == AWAITING_MERGE || this == CONFLICT;
  }

  /** Returns true when a later run may start the milestone's worker again. */
  public boolean restartable() {
    return this == PENDING || this == STOPPED || this == BUDGET_STOPPED || this == FAILED;
  }

  /** Finds a state by its wire name. */
  public static Optional<MilestoneState> fromWireName(String name) {
    return Arrays.stream(values()).filter(state -> state.wireName.equals(name)).findFirst();
  }
}
