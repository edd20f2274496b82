package dev.sf.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One milestone's row in a status snapshot.
 *
 * @param id the milestone
 * @param title its title
 * @param state its state, such as {@code running}, {@code merged} or {@code conflict}
 * @param reason why it is in that state, or null
 * @param slicesDone slices finished
 * @param slicesTotal slices planned
 * @param costUsd its cost over all its workers
 * @param unpricedModels models whose tokens have no price, so the cost is incomplete
 * @param startedAt when its current or last worker started, or null
 * @param endedAt when its last worker ended, or null
 * @param pid its worker's process id while one runs, or null
 * @param latestActivity the last progress message, or null
 * @param exitCode the last worker's exit code, or null
 * @param conflictFiles files of the last merge conflict
 * @param attempts workers started for it so far
 */
public record MilestoneStatus(String id, String title, String state, String reason,
    int slicesDone, int slicesTotal, BigDecimal costUsd, List<String> unpricedModels,
    Instant startedAt, Instant endedAt, Long pid, String latestActivity, Integer exitCode,
    List<String> conflictFiles, int attempts) {

  /**

   * Creates the record, copying the lists so that it is immutable.

   *

   * @param id the milestone
   * @param title its title
   * @param state its state, such as {@code running}, {@code merged} or {@code conflict}
   * @param reason why it is in that state, or null
   * @param slicesDone slices finished
   * @param slicesTotal slices planned
   * @param costUsd its cost over all its workers
   * @param unpricedModels models whose tokens have no price, so the cost is incomplete
   * @param startedAt when its current or last worker started, or null
   * @param endedAt when its last worker ended, or null
   * @param pid its worker's process id while one runs, or null
   * @param latestActivity the last progress message, or null
   * @param exitCode the last worker's exit code, or null
   * @param conflictFiles files of the last merge conflict
   * @param attempts workers started for it so far
   */
  public MilestoneStatus {
    unpricedModels = List.copyOf(unpricedModels);
    conflictFiles = List.copyOf(conflictFiles);
  }
}
