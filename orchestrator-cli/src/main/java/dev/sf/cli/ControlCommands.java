package dev.sf.cli;

import dev.sf.api.ControlResult;
import dev.sf.api.SfProject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sf parallel stop|pause|resume|merge [ID]}: reach the running coordinator, or act on the
 * recorded workers when none runs.
 */
final class ControlCommands {
  private ControlCommands() {}

  /** Shared parts: the optional milestone id and the output. */
  abstract static class Base implements Callable<Integer> {
    @ParentCommand
    ParallelCommand parallel;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
        description = "The milestone; all milestones when omitted.")
    String milestoneId;

    @Override
    public Integer call() {
      try (SfProject project = parallel.sf.open()) {
        ControlResult result = apply(project);
        (result.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr())
            .println(result.message());
        return result.exitCode();
      }
    }

    abstract ControlResult apply(SfProject project);
  }

  /** {@code sf parallel stop [ID]}. */
  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop one worker, or all (SIGTERM, then SIGKILL after"
          + " worker.stop_grace_seconds). Worktrees and uncommitted work stay.")
  static final class Stop extends Base {
    @Option(names = "--force", description = "Kill at once instead of asking the workers to"
        + " end.")
    boolean force;

    @Override
    ControlResult apply(SfProject project) {
      return project.stop(milestoneId, force);
    }
  }

  /** {@code sf parallel pause [ID]}. */
  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "Suspend one worker, or all, with every process it started. A paused worker"
          + " keeps its slot and uses no CPU.")
  static final class Pause extends Base {
    @Override
    ControlResult apply(SfProject project) {
      return project.pause(milestoneId);
    }
  }

  /** {@code sf parallel resume [ID]}. */
  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Resume one paused worker, or all.")
  static final class Resume extends Base {
    @Override
    ControlResult apply(SfProject project) {
      return project.resume(milestoneId);
    }
  }

  /** {@code sf parallel merge [ID]}. */
  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = "Merge one completed milestone, or every completed one in dependency order,"
          + " into the integration branch. A conflict changes nothing and exits with 1.")
  static final class Merge extends Base {
    @Override
    ControlResult apply(SfProject project) {
      return project.merge(milestoneId);
    }
  }
}
