package dev.sf.cli;

import dev.sf.errors.ConfigException;
import dev.sf.errors.InvalidUsageException;
import dev.sf.errors.NotAProjectException;
import dev.sf.errors.SfException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns exceptions into one clear message on standard error and sf's exit codes: 2 for invalid
 * usage or configuration, 1 for an operation that failed.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);

  static final int FAILED = 1;
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine,
      CommandLine.ParseResult parseResult) {
    return report(exception, commandLine.getErr());
  }

  /**
   * Prints {@code exception} on {@code err} as one {@code sf:} line and returns the exit code:
   * the message alone for an {@link SfException}, the exception itself for anything else.
   */
  static int report(Exception exception, PrintWriter err) {
    int code = exitCode(exception);
    if (exception instanceof SfException) {
      err.println("sf: " + exception.getMessage());
      log.debug("Command failed", exception);
    } else {
      err.println("sf: unexpected error: " + exception);
      log.error("Unexpected error", exception);
    }
    err.flush();
    return code;
  }

  /**
   * Reports an invalid command line, such as an unknown command or a bad option value, in one
   * {@code sf:} line with a pointer to the help instead of the whole usage text. Exit code 2.
   */
  static final class ParameterReporter implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
      CommandLine commandLine = exception.getCommandLine();
      PrintWriter err = commandLine.getErr();
      err.println("sf: " + exception.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
      err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      log.debug("Invalid command line", exception);
      return USAGE;
    }
  }

  static int exitCode(Exception exception) {
    if (exception instanceof ConfigException || exception instanceof InvalidUsageException
        || exception instanceof NotAProjectException) {
      return USAGE;
    }
    return FAILED;
  }
}
