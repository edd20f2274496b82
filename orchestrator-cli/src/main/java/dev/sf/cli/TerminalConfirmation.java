package dev.sf.cli;

import dev.sf.api.MergeConfirmation;
import dev.sf.api.MergePrompt;
import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks on the coordinator's terminal before each merge, with {@code auto_merge: confirm}: shows
 * the diff stat, the milestone's cost and any predicted conflict.
 */
final class TerminalConfirmation implements MergeConfirmation {
  private final RunPrinter printer;

  TerminalConfirmation(RunPrinter printer) {
    this.printer = printer;
  }

  @Override
  public synchronized Optional<Boolean> confirm(MergePrompt prompt) {
    Console console = System.console();
    if (console == null) {
      return Optional.empty();
    }
    printer.suspend();
    try {
      console.printf("%s", text(prompt));
      String answer = console.readLine("Merge %s into the integration branch? [y/N] ",
          prompt.milestoneId());
      if (answer == null) {
        return Optional.empty();
      }
      return Optional.of(answer.trim().toLowerCase(Locale.ROOT).startsWith("y"));
    } finally {
      printer.unsuspend();
    }
  }

  /** Returns what is shown before the question. */
  static String text(MergePrompt prompt) {
    StringBuilder text = new StringBuilder();
    text.append('\n').append(prompt.milestoneId()).append(": ").append(prompt.title())
        .append(" is complete (cost ").append(Format.usd(prompt.costUsd())).append(").\n");
    text.append(prompt.diffStat()).append('\n');
    if (!prompt.conflicts().isEmpty()) {
      text.append("Predicted conflict on: ").append(String.join(", ", prompt.conflicts()))
          .append('\n');
    }
    return text.toString();
  }
}
