package dev.sf.core.process;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * What one read of a worker log changed, as plain data.
 *
 * @param offset the log offset up to which output is accounted for
 * @param ledger the cost ledger's state at that offset, as JSON
 * @param costUsd the milestone's cost over all its workers
 * @param unpricedModels models whose tokens have no price
 * @param slicesDone ids of every finished slice
 * @param newlyDone ids of slices that finished in this read
 * @param latestActivity the last progress message, or null
 * @param completed true once the worker sent its completion event
 * @param changed true when cost, slices or progress changed in this read
 */
public record SessionUpdate(
    long offset,
    JsonNode ledger,
    BigDecimal costUsd,
    List<String> unpricedModels,
    List<String> slicesDone,
    List<String> newlyDone,
    String latestActivity,
    boolean completed,
    boolean changed) {

  public SessionUpdate {
    unpricedModels = List.copyOf(unpricedModels);
    slicesDone = List.copyOf(slicesDone);
    newlyDone = List.copyOf(newlyDone);
  }
}
