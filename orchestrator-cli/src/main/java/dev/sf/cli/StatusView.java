package dev.sf.cli;

import dev.sf.api.MilestoneStatus;
import dev.sf.api.StatusSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Renders a status snapshot as lines of text: one row per milestone, then the budget. */
final class StatusView {
  private static final int ACTIVITY_WIDTH = 40;

  private StatusView() {}

  /**
   * Returns the table, the budget line, notes on unknown prices and predicted conflicts, and
   * where the snapshot came from. Text from workers is cleaned of control characters.
   */
  static List<String> render(StatusSnapshot status) {
    return render(status, OptionalLong.empty());
  }

  /**
   * Returns the lines of {@link #render(StatusSnapshot)}; when the snapshot was read from disk
   * although {@code silentHolder}, the pid of the coordinator lock's holder, is present, the last
   * line says that the holder did not answer.
   */
  static List<String> render(StatusSnapshot status, OptionalLong silentHolder) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "TITLE", "STATE", "SLICES", "COST", "ELAPSED", "PID",
        "ACTIVITY"});
    for (MilestoneStatus row : status.milestones()) {
      String cost = Format.usd(row.costUsd())
          + (row.unpricedModels().isEmpty() ? "" : " + price unknown");
      rows.add(new String[] {row.id(), Format.truncate(row.title(), 28), row.state(),
          row.slicesDone() + "/" + row.slicesTotal(), cost,
          Format.elapsed(row.startedAt(), row.endedAt()),
          row.pid() == null ? "-" : String.valueOf(row.pid()),
          Format.truncate(activity(row), ACTIVITY_WIDTH)});
    }
    List<String> lines = new ArrayList<>(Format.table(rows));
    lines.add("");
    lines.add(budgetLine(status));
    for (MilestoneStatus row : status.milestones()) {
      if (!row.unpricedModels().isEmpty()) {
        lines.add(Format.clean(row.id() + ": price unknown for "
            + String.join(", ", row.unpricedModels())
            + "; add them to the pricing table in the preferences"));
      }
    }
    for (StatusSnapshot.PredictedConflict conflict : status.predictedConflicts()) {
      lines.add(Format.clean("warning: " + conflict.describe()));
    }
    if (!status.live() && silentHolder.isPresent()) {
      lines.add("(the coordinator lock holder, pid " + silentHolder.getAsLong()
          + ", did not answer; read from .sf/parallel)");
    } else if (!status.live()) {
      lines.add("(no coordinator is running; read from .sf/parallel)");
    }
    return lines;
  }

  private static String activity(MilestoneStatus row) {
    if (row.reason() != null && !"running".equals(row.state())) {
      return row.reason();
    }
    return row.latestActivity() == null ? "" : row.latestActivity();
  }

  static String budgetLine(StatusSnapshot status) {
    BigDecimal ceiling = status.ceilingUsd();
    StringBuilder line = new StringBuilder("Total ").append(Format.usd(status.totalUsd()));
    if (status.milestones().stream().anyMatch(row -> !row.unpricedModels().isEmpty())) {
      line.append(" + price unknown");
    }
    if (ceiling == null) {
      line.append(" (no budget ceiling)");
    } else {
      line.append(" of ").append(Format.usd(ceiling)).append(" ceiling");
      if ("reached".equals(status.budgetState())) {
        line.append(": ceiling reached");
        if (status.overrunUsd().signum() > 0) {
          line.append(", passed by ").append(Format.usd(status.overrunUsd()));
        }
      } else if ("warned".equals(status.budgetState())) {
        line.append(" (over 80%)");
      }
    }
    return line.toString();
  }
}
