package dev.sf.cli;

import dev.sf.api.DiffReport;
import dev.sf.api.SfProject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sf parallel diff ID}: what merging a milestone would bring, touching nothing. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Show what merging a milestone would bring into the integration branch: a diff"
        + " stat and the files that would conflict, computed without touching anything.")
final class DiffCommand implements Callable<Integer> {
  @ParentCommand
  ParallelCommand parallel;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The milestone.")
  String milestoneId;

  @Option(names = "--patch", description = "Print the full unified diff as well.")
  boolean patch;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (SfProject project = parallel.sf.open()) {
      DiffReport report = project.diff(milestoneId, patch);
      if (json) {
        out.println(CliJson.document("diff", report));
        out.flush();
        return 0;
      }
      out.println(report.diffStat());
      if (!report.conflicts().isEmpty()) {
        out.println();
        out.println("Would conflict on: " + String.join(", ", report.conflicts()));
      }
      if (patch && report.patch() != null) {
        out.println();
        out.print(report.patch());
      }
      out.flush();
      return 0;
    }
  }
}
