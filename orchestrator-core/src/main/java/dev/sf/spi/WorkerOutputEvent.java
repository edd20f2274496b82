package dev.sf.spi;

import java.math.BigDecimal;

/**
 * What a line of worker output means for cost and progress. Parsers only translate; adding up,
 * pricing tokens and rejecting bad values is done by sf's accounting.
 */
public sealed interface WorkerOutputEvent {

  /**
   * The worker's total cost so far in this process, in US dollars.
   *
   * @param totalUsd the cumulative cost, as the worker printed it
   */
  record CostTotal(BigDecimal totalUsd) implements WorkerOutputEvent {}

  /**
   * Cost added since the previous report, in US dollars.
   *
   * @param deltaUsd the added cost
   */
  record CostDelta(BigDecimal deltaUsd) implements WorkerOutputEvent {}

  /**
   * Tokens used by one model.
   *
   * @param model the model name, or null when the output does not name one
   * @param input input tokens, not counting cached input
   * @param cachedInput cached input tokens
   * @param output output tokens
   * @param cumulative true when the figures are totals for the process so far, false when they
   *     are added to earlier ones
   */
  record TokenUsage(String model, long input, long cachedInput, long output, boolean cumulative)
      implements WorkerOutputEvent {}

  /**
   * A slice of the milestone changed state.
   *
   * @param sliceId the slice id, such as {@code S01}
   * @param state {@code started}, {@code done} or {@code failed}
   */
  record SliceChanged(String sliceId, String state) implements WorkerOutputEvent {}

  /**
   * A line of progress to show to the user.
   *
   * @param message the progress message
   */
  record Progress(String message) implements WorkerOutputEvent {}

  /** The worker says its milestone is complete. */
  record Completed() implements WorkerOutputEvent {}

  /**
   * A line that looked like the format but could not be used. Accounting warns once per kind.
   *
   * @param kind a short stable name for the kind of problem, such as {@code invalid-json}
   * @param detail a short description including the offending value
   */
  record Unrecognized(String kind, String detail) implements WorkerOutputEvent {}
}
