package dev.sf.core.runtime;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the run records as a whole, in {@code .sf/parallel/run.json}. It outlives the coordinator
 * process: the next {@code start} continues the same run with the same totals and ceiling.
 *
 * @param runId an id for the run, fixed when it first started
 * @param integrationBranch the branch completed milestones merge into
 * @param startedAt when the run first started
 * @param updatedAt when the record was last written
 * @param budgetCeiling the ceiling in USD, or null for none
 * @param totalUsd the total cost of every milestone of the run
 * @param budgetState {@code ok}, {@code warned} (80 % of the ceiling) or {@code reached}
 * @param finishedAt when the last coordinator ended with nothing left to do, or null
 */
public record RunRecord(
    String runId,
    String integrationBranch,
    Instant startedAt,
    Instant updatedAt,
    BigDecimal budgetCeiling,
    BigDecimal totalUsd,
    String budgetState,
    Instant finishedAt) {

  public static final String BUDGET_OK = "ok";
  public static final String BUDGET_WARNED = "warned";
  public static final String BUDGET_REACHED = "reached";
}
