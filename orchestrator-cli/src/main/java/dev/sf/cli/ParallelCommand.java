package dev.sf.cli;

import picocli.CommandLine.Command;

/** {@code sf parallel}: start, watch and control a run. */
@Command(
    name = "parallel",
    mixinStandardHelpOptions = true,
    description = "Start, inspect and control a parallel run of the project's milestones.",
    subcommands = {
        StartCommand.class,
        StatusCommand.class,
        ControlCommands.Stop.class,
        ControlCommands.Pause.class,
        ControlCommands.Resume.class,
        ControlCommands.Merge.class,
        DiffCommand.class
    })
final class ParallelCommand {
  @picocli.CommandLine.ParentCommand
  SfCommand sf;
}
