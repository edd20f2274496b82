package dev.sf.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the run records about one milestone, in {@code .sf/parallel/workers/<id>.json}. The
 * worker's log is the source of truth for cost and slices; {@code logOffset} and {@code ledger}
 * say how far it has been read, so that a new coordinator reads on without counting twice.
 *
 * @param id the milestone id
 * @param title the milestone title
 * @param state the state's wire name
 * @param reason why the milestone is in that state (a failure, a conflict), or null
 * @param pid the worker's pid, which is also its process group id, or null
 * @param processStart the worker process's start time, which guards against reused pids
 * @param logFile the worker log, relative to the project root
 * @param logOffset the byte offset up to which the log has been accounted for
 * @param ledger the cost ledger's saved state, or null before the first worker started
 * @param costUsd the milestone's cost over all its workers
 * @param unpricedModels models whose tokens could not be priced
 * @param slicesDone ids of finished slices
 * @param slicesTotal number of slices planned
 * @param latestActivity the last progress message
 * @param startedAt when the current or last worker started
 * @param endedAt when the last worker ended
 * @param exitCode the last worker's exit code
 * @param attempts how many workers have been started for the milestone
 * @param mergedCommit the last branch commit merged into the integration branch, or null
 * @param conflictFiles files of the last merge conflict
 */
public record MilestoneRecord(
    String id,
    String title,
    String state,
    String reason,
    Long pid,
    Instant processStart,
    String logFile,
    long logOffset,
    JsonNode ledger,
    BigDecimal costUsd,
    List<String> unpricedModels,
    List<String> slicesDone,
    int slicesTotal,
    String latestActivity,
    Instant startedAt,
    Instant endedAt,
    Integer exitCode,
    int attempts,
    String mergedCommit,
    List<String> conflictFiles) {

  public MilestoneRecord {
    unpricedModels = unpricedModels == null ? List.of() : List.copyOf(unpricedModels);
    slicesDone = slicesDone == null ? List.of() : List.copyOf(slicesDone);
    conflictFiles = conflictFiles == null ? List.of() : List.copyOf(conflictFiles);
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
  }

  /** Creates the record of a milestone that has not started. */
  public static MilestoneRecord pending(String id, String title, int slicesTotal) {
    return new MilestoneRecord(id, title, MilestoneState.PENDING.wireName(), null, null, null,
        null, 0, null, BigDecimal.ZERO, List.of(), List.of(), slicesTotal, null, null, null, null,
        0, null, List.of());
  }

  /** Returns the state as an enum; an unknown name reads as failed. */
  public MilestoneState stateValue() {
    return MilestoneState.fromWireName(state).orElse(MilestoneState.FAILED);
  }

  MilestoneRecord withState(MilestoneState newState, String newReason) {
    return new MilestoneRecord(id, title, newState.wireName(), newReason, pid, processStart,
        logFile, logOffset, ledger, costUsd, unpricedModels, slicesDone, slicesTotal,
        latestActivity, startedAt, endedAt, exitCode, attempts, mergedCommit, conflictFiles);
  }

  MilestoneRecord withProcess(Long newPid, Instant newStart, Instant newStartedAt, int newAttempts,
      String newLogFile) {
    return new MilestoneRecord(id, title, state, reason, newPid, newStart, newLogFile, logOffset,
        ledger, costUsd, unpricedModels, slicesDone, slicesTotal, latestActivity, newStartedAt,
        null, null, newAttempts, mergedCommit, conflictFiles);
  }

  MilestoneRecord withProgress(long newOffset, JsonNode newLedger, BigDecimal newCost,
      List<String> newUnpriced, List<String> newSlicesDone, String newActivity) {
    return new MilestoneRecord(id, title, state, reason, pid, processStart, logFile, newOffset,
        newLedger, newCost, newUnpriced, newSlicesDone, slicesTotal,
        newActivity == null ? latestActivity : newActivity, startedAt, endedAt, exitCode, attempts,
        mergedCommit, conflictFiles);
  }

  MilestoneRecord withExit(Integer newExitCode, Instant newEndedAt) {
    return new MilestoneRecord(id, title, state, reason, pid, processStart, logFile, logOffset,
        ledger, costUsd, unpricedModels, slicesDone, slicesTotal, latestActivity, startedAt,
        newEndedAt, newExitCode, attempts, mergedCommit, conflictFiles);
  }

  MilestoneRecord withMerge(String newMergedCommit, List<String> newConflictFiles) {
    return new MilestoneRecord(id, title, state, reason, pid, processStart, logFile, logOffset,
        ledger, costUsd, unpricedModels, slicesDone, slicesTotal, latestActivity, startedAt,
        endedAt, exitCode, attempts, newMergedCommit, newConflictFiles);
  }

  MilestoneRecord withTitle(String newTitle, int newSlicesTotal) {
    return new MilestoneRecord(id, newTitle, state, reason, pid, processStart, logFile, logOffset,
        ledger, costUsd, unpricedModels, slicesDone, newSlicesTotal, latestActivity, startedAt,
        endedAt, exitCode, attempts, mergedCommit, conflictFiles);
  }
}
