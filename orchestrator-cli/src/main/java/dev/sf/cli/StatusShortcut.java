package dev.sf.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs {@code sf [-C DIR] [-q] parallel status [--json]} without picocli. Building picocli's
 * command model by reflection took about half of that command's start-up, and the command is
 * one that scripts and prompts run often.
 *
 * <p>Only those exact forms are taken: each option at most once, {@code -C} with a separate
 * value that is not empty and does not start with {@code -} or {@code @}, and no other word.
 * Anything else, {@code --watch}, {@code --help} or {@code -C=DIR} included, returns empty from
 * {@link #parse} and goes through picocli, which owns every usage message. The output and the
 * error messages come from the code that the picocli command runs: {@link
 * StatusCommand#printOnce}, {@link ErrorReporter#report} and {@link StandardWriters}.
 */
final class StatusShortcut {
  private StatusShortcut() {}

  /**
   * The arguments of a status request that the shortcut runs.
   *
   * @param directory the value of {@code -C}, {@code null} for the current directory
   * @param json whether {@code --json} was given
   */
  record Request(Path directory, boolean json) {}

  /** Returns the request that {@code args} make, or empty when picocli must read them. */
  static Optional<Request> parse(String[] args) {
    Path directory = null;
    boolean quiet = false;
    int index = 0;
    while (index < args.length && args[index].startsWith("-")) {
      String option = args[index];
      if (option.equals("-C") && directory == null && index + 1 < args.length) {
        directory = directoryValue(args[index + 1]);
        if (directory == null) {
          return Optional.empty();
        }
        index += 2;
      } else if ((option.equals("-q") || option.equals("--quiet")) && !quiet) {
        quiet = true;
        index++;
      } else {
        return Optional.empty();
      }
    }
    int remaining = args.length - index;
    if (remaining < 2 || remaining > 3 || !args[index].equals("parallel")
        || !args[index + 1].equals("status")) {
      return Optional.empty();
    }
    if (remaining == 3 && !args[index + 2].equals("--json")) {
      return Optional.empty();
    }
    return Optional.of(new Request(directory, remaining == 3));
  }

  /** Returns {@code value} as the folder of {@code -C}, or {@code null} if picocli must read it. */
  private static Path directoryValue(String value) {
    if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
      return null;
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      // Not an error here: picocli reads the value again and reports it.
      return null;
    }
  }

  /** Prints the status that {@code request} names and returns the exit code. */
  static int run(Request request) {
    PrintWriter out = StandardWriters.out();
    try {
      return StatusCommand.printOnce(request.directory(), request.json(), out);
    } catch (Exception e) {
      return ErrorReporter.report(e, StandardWriters.err());
    }
  }
}
