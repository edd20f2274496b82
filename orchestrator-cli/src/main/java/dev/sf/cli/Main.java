package dev.sf.cli;

import picocli.CommandLine;

/** Runs the {@code sf} command and exits with its exit code. */
public final class Main {
  private Main() {}

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    LogLevels.configure(args);
    int exitCode = SfCommand.commandLine(args).execute(args);
    System.exit(exitCode);
  }
}
