package dev.sf.cli;

import dev.sf.api.QueueEntry;
import dev.sf.api.QueueReport;
import dev.sf.api.SfProject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sf queue}: every milestone in dependency order, with its state and the reason. */
@Command(name = "queue", mixinStandardHelpOptions = true,
    description = "List every milestone in dependency order with its state and why it can or"
        + " cannot start, and the planned file overlaps.")
final class QueueCommand implements Callable<Integer> {
  @ParentCommand
  SfCommand sf;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (SfProject project = sf.open()) {
      QueueReport report = project.queue();
      if (json) {
        out.println(CliJson.document("queue", report));
      } else {
        printReport(out, report);
      }
      return 0;
    }
  }

  static void printReport(PrintWriter out, QueueReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "TITLE", "STATE", "REASON"});
    for (QueueEntry entry : report.entries()) {
      String reason = entry.reason();
      if (!entry.notes().isEmpty()) {
        reason = reason + "; " + String.join("; ", entry.notes());
      }
      rows.add(new String[] {entry.id(), Format.truncate(entry.title(), 32), entry.state(),
          reason});
    }
    Format.table(rows).forEach(out::println);
    for (QueueReport.Overlap overlap : report.overlaps()) {
      out.println("warning: " + overlap.first() + " and " + overlap.second()
          + " both touch " + String.join(", ", overlap.files()));
    }
    out.flush();
  }
}
