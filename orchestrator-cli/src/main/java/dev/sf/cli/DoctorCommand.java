package dev.sf.cli;

import dev.sf.api.DoctorFinding;
import dev.sf.api.DoctorReport;
import dev.sf.api.SfProject;
import dev.sf.errors.InvalidUsageException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sf doctor}: lists what crashes left behind and, with {@code --fix}, repairs what is
 * safe. Exits 1 while problems remain and 0 when the project is clean.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check for stale run records, orphan worktrees and worker processes, branches"
        + " of merged milestones, a git merge in progress in the project root, another branch"
        + " checked out than the run's, and invalid or unreadable files, each with what --fix"
        + " does. Exits 1 while problems remain, 0 when clean.")
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand
  SfCommand sf;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--fix", description = "Repair what is safe: nothing with uncommitted work"
      + " or unmerged commits is deleted, and a git merge in progress is left alone.")
  boolean fix;

  @Option(names = "--force", description = "With --fix, also remove worktrees with uncommitted"
      + " changes, folders with files, branches with unmerged work and the state of a git"
      + " merge in progress (like 'git merge --quit').")
  boolean force;

  @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
  boolean json;

  @Override
  public Integer call() {
    if (force && !fix) {
      throw new InvalidUsageException("--force only applies together with --fix. Run"
          + " 'sf doctor --fix --force'.");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (SfProject project = sf.open()) {
      DoctorReport report = project.doctor(fix, force);
      if (json) {
        out.println(CliJson.document("doctor", report));
      } else {
        print(out, report);
      }
      out.flush();
      return report.clean() ? 0 : ErrorReporter.FAILED;
    }
  }

  static void print(PrintWriter out, DoctorReport report) {
    if (report.findings().isEmpty()) {
      out.println("No problems found.");
      return;
    }
    for (DoctorFinding finding : report.findings()) {
      out.println(label(finding.outcome()) + " " + finding.check()
          + (finding.subject().isEmpty() ? "" : ": " + finding.subject()));
      out.println("  " + finding.message());
      out.println("  " + fixLabel(finding.outcome()) + finding.fix());
    }
    long remaining = report.remaining().size();
    long fixable = report.findings().stream()
        .filter(f -> f.outcome() == DoctorFinding.Outcome.FOUND).count();
    long forced = report.findings().stream()
        .filter(f -> f.outcome() == DoctorFinding.Outcome.NEEDS_FORCE).count();
    out.println();
    out.println(report.findings().size() + " problem(s) found, " + remaining + " remaining."
        + (fixable > 0 ? " Run 'sf doctor --fix' to repair " + fixable + " of them." : "")
        + (forced > 0 ? " " + forced + " would delete work and need 'sf doctor --fix --force'."
            : ""));
  }

  private static String label(DoctorFinding.Outcome outcome) {
    return switch (outcome) {
      case FOUND -> "[problem]";
      case FIXED -> "[fixed]";
      case NEEDS_FORCE -> "[kept]";
      case MANUAL -> "[manual]";
      case FAILED -> "[fix failed]";
    };
  }

  private static String fixLabel(DoctorFinding.Outcome outcome) {
    return switch (outcome) {
      case FOUND -> "--fix would: ";
      case FIXED -> "fixed: ";
      case NEEDS_FORCE, FAILED -> "";
      case MANUAL -> "to do: ";
    };
  }
}
