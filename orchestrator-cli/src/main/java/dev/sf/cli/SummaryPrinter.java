package dev.sf.cli;

import dev.sf.api.MilestoneStatus;
import dev.sf.api.RunSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints the end-of-run summary: state, cost and duration per milestone, and the total. */
final class SummaryPrinter {
  private SummaryPrinter() {}

  static void print(PrintWriter out, RunSummary summary) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATE", "COST", "DURATION", "NOTE"});
    for (MilestoneStatus row : summary.status().milestones()) {
      rows.add(new String[] {row.id(), row.state(), Format.usd(row.costUsd())
          + (row.unpricedModels().isEmpty() ? "" : " + price unknown"),
          Format.elapsed(row.startedAt(), row.endedAt()),
          Format.truncate(row.reason(), 70)});
    }
    out.println();
    out.println("Summary");
    Format.table(rows).forEach(out::println);
    out.println(StatusView.budgetLine(summary.status()));
    out.flush();
  }
}
