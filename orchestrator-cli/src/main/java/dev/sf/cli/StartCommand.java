package dev.sf.cli;

import dev.sf.api.PreferenceValue;
import dev.sf.api.QueueEntry;
import dev.sf.api.QueueReport;
import dev.sf.api.Run;
import dev.sf.api.RunOptions;
import dev.sf.api.RunSummary;
import dev.sf.api.SfProject;
import dev.sf.errors.InvalidUsageException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sf parallel start}: report eligibility, confirm, and coordinate the run. */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start (or continue) the project's run: print the eligibility report, ask for"
        + " confirmation, then run up to parallel.max_workers workers at once until nothing more"
        + " can start. Exit code 0 when every worker completed (and merged, with auto_merge:"
        + " auto), 1 otherwise.")
final class StartCommand implements Callable<Integer> {
  @ParentCommand
  ParallelCommand parallel;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-y", "--yes"}, description = "Start without asking for confirmation.")
  boolean yes;

  @Option(names = "--detach", description = "Run the coordinator in the background, with its"
      + " log in .sf/parallel/coordinator.log, and return at once.")
  boolean detach;

  @Option(names = "--max-workers", paramLabel = "N",
      description = "Override parallel.max_workers for this run.")
  Integer maxWorkers;

  @Option(names = "--budget", paramLabel = "USD",
      description = "Override parallel.budget_ceiling for this run.")
  BigDecimal budget;

  @Option(names = "--auto-merge", paramLabel = "MODE",
      description = "Override parallel.auto_merge for this run: auto, confirm or manual.")
  String autoMerge;

  @Option(names = "--detached-coordinator", hidden = true)
  boolean detachedCoordinator;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (SfProject project = parallel.sf.open(overrides())) {
      requireEnabled(project);
      QueueReport queue = project.queue();
      if (queue.entries().isEmpty()) {
        throw new InvalidUsageException("No milestones found under "
            + project.root().resolve(".sf/milestones") + ". Create"
            + " .sf/milestones/M001/MILESTONE.md to plan one.");
      }
      Optional<String> budgetReached = budgetReached(project);
      if (budgetReached.isPresent()) {
        err.println("sf: " + budgetReached.get());
        err.flush();
        return ErrorReporter.FAILED;
      }
      if (!detachedCoordinator) {
        QueueCommand.printReport(out, queue);
        out.println();
      }
      if (!hasWork(queue)) {
        return nothingEligible(out, queue);
      }
      if (!yes && !detachedCoordinator && !confirmStart(out, queue)) {
        return ErrorReporter.USAGE;
      }
      if (detach) {
        return Detacher.detach(project, parallel.sf, overrides(), out, err);
      }
      return runInForeground(project, out);
    }
  }

  private Map<String, String> overrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (maxWorkers != null) {
      overrides.put("parallel.max_workers", String.valueOf(maxWorkers));
    }
    if (budget != null) {
      overrides.put("parallel.budget_ceiling", budget.toPlainString());
    }
    if (autoMerge != null) {
      overrides.put("parallel.auto_merge", autoMerge);
    }
    return overrides;
  }

  private static void requireEnabled(SfProject project) {
    boolean enabled = project.preferences().stream()
        .filter(value -> value.key().equals("parallel.enabled"))
        .map(PreferenceValue::value)
        .anyMatch("true"::equals);
    if (!enabled) {
      throw new InvalidUsageException("Parallel runs are disabled: parallel.enabled is false."
          + " Set it to true in .sf/preferences.yaml (parallel: {enabled: true}).");
    }
  }

  /**
   * Returns the message for a run whose recorded total already reached the effective budget
   * ceiling, the preference or {@code --budget}: starting would stop every worker at once.
   */
  private static Optional<String> budgetReached(SfProject project) {
    Optional<BigDecimal> ceiling = project.preferences().stream()
        .filter(value -> value.key().equals("parallel.budget_ceiling"))
        .map(PreferenceValue::value)
        .filter(value -> value.matches("\\d+(\\.\\d+)?([eE][+-]?\\d+)?"))
        .findFirst()
        .map(BigDecimal::new);
    if (ceiling.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal total = project.status().totalUsd();
    if (total.compareTo(ceiling.get()) < 0) {
      return Optional.empty();
    }
    return Optional.of("The budget ceiling of " + Format.usd(ceiling.get()) + " was reached at "
        + Format.usd(total) + "; raise parallel.budget_ceiling or pass --budget to go on.");
  }

  private static boolean hasWork(QueueReport queue) {
    return queue.entries().stream().anyMatch(entry ->
        entry.verdict() == QueueEntry.Verdict.ELIGIBLE
            || entry.verdict() == QueueEntry.Verdict.RUNNING
            || entry.state().equals("completed") || entry.state().equals("awaiting-merge")
            || entry.state().equals("merging"));
  }

  private static int nothingEligible(PrintWriter out, QueueReport queue) {
    boolean allComplete = queue.entries().stream()
        .allMatch(entry -> entry.verdict() == QueueEntry.Verdict.COMPLETE);
    if (allComplete) {
      out.println("Nothing to do: every milestone is complete.");
      return 0;
    }
    out.println("No milestones are eligible:");
    for (QueueEntry entry : queue.entries()) {
      out.println("  " + entry.id() + ": " + entry.reason());
    }
    out.println("See 'sf queue' for details.");
    return 1;
  }

  private boolean confirmStart(PrintWriter out, QueueReport queue) {
    if (!Terminals.isInteractive()) {
      throw new InvalidUsageException("Not starting without confirmation: there is no terminal"
          + " to ask on. Pass --yes to start anyway.");
    }
    out.print("Start " + queue.eligible().size() + " eligible milestone"
        + (queue.eligible().size() == 1 ? "" : "s") + "? [y/N] ");
    out.flush();
    String answer = System.console().readLine();
    if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
      out.println("Not started.");
      return false;
    }
    return true;
  }

  private int runInForeground(SfProject project, PrintWriter out) throws Exception {
    boolean interactive = Terminals.isInteractive() && !detachedCoordinator;
    RunPrinter printer = interactive ? new BoardPrinter(out) : new LinePrinter(out);
    RunOptions.Builder options = RunOptions.builder().listener(printer::onEvent);
    if (interactive) {
      options.confirmation(new TerminalConfirmation(printer));
    }
    Run run = project.start(options.build());
    printer.attach(run);
    Interrupts interrupts = Interrupts.install(run, out);
    try {
      RunSummary summary = run.completion().toCompletableFuture().get();
      printer.close();
      SummaryPrinter.print(out, summary);
      return summary.exitCode();
    } finally {
      interrupts.uninstall();
      printer.close();
    }
  }
}
