package dev.sf.cli;

import dev.sf.api.ProjectOptions;
import dev.sf.api.SfProject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code sf} command: global options and the subcommands. */
@Command(
    name = "sf",
    mixinStandardHelpOptions = true,
    versionProvider = SfCommand.Version.class,
    description = "Runs several milestones of a project at once, each in its own git worktree"
        + " with its own worker, and merges them back.")
public final class SfCommand {
  /** The top-level subcommands other than {@code parallel}, in the order help lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
      QueueCommand.class,
      PreferencesCommand.class,
      DemoCommand.class,
      CompletionCommand.class,
      DoctorCommand.class,
      CommandLine.HelpCommand.class);

  @Option(names = "-C", paramLabel = "DIR",
      description = "Act on the git repository that contains DIR instead of the current"
          + " directory.")
  Path directory;

  @Option(names = {"-v", "--verbose"},
      description = "Log more: -v for INFO, -vv for DEBUG (to standard error).")
  boolean[] verbose = new boolean[0];

  @Option(names = {"-q", "--quiet"}, description = "Log only errors.")
  boolean quiet;

  /** A system property that moves the user preferences folder, like {@code SF_HOME}. */
  static final String SF_HOME_PROPERTY = "sf.home";

  /** Creates the configured command line, with sf's exit codes and error messages. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * Creates the command line for {@code args}. When they name one {@code sf parallel} subcommand,
   * only that subcommand is registered: picocli builds each command's model by reflection, which
   * made up a sizeable part of the start-up of a short command such as {@code sf parallel
   * status}. Any other arguments, or {@code null}, get every command, so help, completion and
   * the suggestions for a mistyped name see them all.
   */
  static CommandLine commandLine(String[] args) {
    String parallelSubcommand = args == null ? null : ParallelCommand.requestedSubcommand(args);
    CommandLine commandLine = new CommandLine(new SfCommand());
    commandLine.addSubcommand(ParallelCommand.commandLine(parallelSubcommand));
    if (parallelSubcommand == null) {
      SUBCOMMANDS.forEach(commandLine::addSubcommand);
    }
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(new ErrorReporter.ParameterReporter());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(StandardWriters.out());
    commandLine.setErr(StandardWriters.err());
    return commandLine;
  }

  /** Returns the folder to act on: {@code -C DIR} or the current directory. */
  Path workingDirectory() {
    return workingDirectory(directory);
  }

  /** Returns the folder to act on for the value of {@code -C}, {@code null} when absent. */
  static Path workingDirectory(Path directory) {
    return directory == null ? Path.of("").toAbsolutePath() : directory.toAbsolutePath();
  }

  /** Opens the project with the given preference overrides. */
  SfProject open(Map<String, String> overrides) {
    return open(directory, overrides);
  }

  /**
   * Opens the project that contains {@code directory}, the value of {@code -C} ({@code null} for
   * the current directory), with the given preference overrides.
   */
  static SfProject open(Path directory, Map<String, String> overrides) {
    ProjectOptions.Builder options = ProjectOptions.builder();
    String home = System.getProperty(SF_HOME_PROPERTY);
    if (home != null) {
      options.sfHome(Path.of(home));
    }
    overrides.forEach(options::override);
    return SfProject.open(workingDirectory(directory), options.build());
  }

  /** Opens the project with no overrides. */
  SfProject open() {
    return open(new LinkedHashMap<>());
  }

  /** Prints the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SfCommand.class.getPackage().getImplementationVersion();
      return new String[] {"sf " + (version == null ? "development build" : version)};
    }
  }
}
