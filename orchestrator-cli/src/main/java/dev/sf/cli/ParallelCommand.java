package dev.sf.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sf parallel}: start, watch and control a run. */
@Command(
    name = "parallel",
    mixinStandardHelpOptions = true,
    description = "Start, inspect and control a parallel run of the project's milestones.")
final class ParallelCommand {
  /** The subcommands by name, in the order that help lists them. */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  @picocli.CommandLine.ParentCommand
  SfCommand sf;

  /**
   * Creates the {@code parallel} command line with only the subcommand {@code name}, or with
   * every subcommand when {@code name} is {@code null}.
   */
  static CommandLine commandLine(String name) {
    CommandLine commandLine = new CommandLine(ParallelCommand.class);
    if (name != null) {
      commandLine.addSubcommand(SUBCOMMANDS.get(name));
    } else {
      SUBCOMMANDS.values().forEach(commandLine::addSubcommand);
    }
    return commandLine;
  }

  /**
   * Returns the {@code parallel} subcommand that {@code args} run, or {@code null} when they run
   * another command, ask for help, or cannot be read without the full model. Only the global
   * options {@code -C DIR}, {@code -v}, {@code -q} and their long forms may come first.
   */
  static String requestedSubcommand(String[] args) {
    int index = 0;
    while (index < args.length && args[index].startsWith("-")) {
      String option = args[index];
      if (option.equals("-C")) {
        index += 2;
      } else if (option.startsWith("-C") || option.equals("-q") || option.equals("--quiet")
          || option.equals("--verbose") || LogLevels.isShortVerbose(option)) {
        index++;
      } else {
        return null;
      }
    }
    if (index + 1 >= args.length || !args[index].equals("parallel")) {
      return null;
    }
    String name = args[index + 1];
    return SUBCOMMANDS.containsKey(name) ? name : null;
  }

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> subcommands = new LinkedHashMap<>();
    subcommands.put("start", StartCommand.class);
    subcommands.put("status", StatusCommand.class);
    subcommands.put("stop", ControlCommands.Stop.class);
    subcommands.put("pause", ControlCommands.Pause.class);
    subcommands.put("resume", ControlCommands.Resume.class);
    subcommands.put("merge", ControlCommands.Merge.class);
    subcommands.put("diff", DiffCommand.class);
    return subcommands;
  }
}
