package dev.sf.cli;

import dev.sf.api.RunEvent;

/** Describes run events in one line of text each. */
final class EventText {
  private EventText() {}

  /**
   * Returns the line for an event, or null for events not worth a line of their own. Control
   * characters from the worker's text are removed (see {@link Format#clean}) and amounts use the
   * {@code $0.50} style.
   */
  static String describe(RunEvent event) {
    String line = line(event);
    return line == null ? null : Format.amounts(Format.clean(line));
  }

  private static String line(RunEvent event) {
    if (event instanceof RunEvent.WorkerStarted e) {
      return e.milestoneId() + (e.adopted() ? " worker adopted" : " worker started") + " (pid "
          + e.pid() + (e.attempt() > 1 ? ", attempt " + e.attempt() : "") + ")";
    }
    if (event instanceof RunEvent.SliceFinished e) {
      return e.milestoneId() + " finished slice " + e.sliceId() + " (" + e.done() + "/"
          + e.total() + ")";
    }
    if (event instanceof RunEvent.CostUpdated e) {
      return e.milestoneId() + " cost " + Format.usd(e.milestoneUsd()) + ", run total "
          + Format.usd(e.runTotalUsd());
    }
    if (event instanceof RunEvent.ProgressReported e) {
      return e.milestoneId() + ": " + Format.truncate(e.message(), 100);
    }
    if (event instanceof RunEvent.WorkerExited e) {
      return e.milestoneId() + " " + e.state()
          + (e.exitCode() == null ? "" : " (exit code " + e.exitCode() + ")")
          + (e.reason() == null ? "" : ": " + e.reason());
    }
    if (event instanceof RunEvent.BudgetWarning e) {
      return "budget warning: " + Format.usd(e.totalUsd()) + " spent of the "
          + Format.usd(e.ceilingUsd()) + " ceiling";
    }
    if (event instanceof RunEvent.CeilingReached e) {
      return "budget ceiling " + Format.usd(e.ceilingUsd()) + " reached at "
          + Format.usd(e.totalUsd()) + "; stopping every worker";
    }
    if (event instanceof RunEvent.Merged e) {
      return e.milestoneId() + (e.partial() ? " finished slices merged" : " merged")
          + (e.commit() == null ? "" : " as " + e.commit().substring(0, 10))
          + (e.notes().isEmpty() ? "" : " (" + String.join("; ", e.notes()) + ")");
    }
    if (event instanceof RunEvent.MergeConflict e) {
      return e.milestoneId() + (e.conflict() ? " merge conflict: " : " merge refused: ")
          + e.reason();
    }
    if (event instanceof RunEvent.StateChanged e) {
      if (e.state().equals("paused") || e.state().equals("stopping")
          || e.state().equals("awaiting-merge")) {
        return e.milestoneId() + " " + e.state() + (e.reason() == null ? "" : ": " + e.reason());
      }
      return null;
    }
    return null;
  }
}
