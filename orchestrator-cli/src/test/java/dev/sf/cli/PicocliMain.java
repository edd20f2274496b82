package dev.sf.cli;

/**
 * Runs sf as {@link Main} does but always through picocli, never through {@link StatusShortcut},
 * so that tests can compare what the two paths print.
 */
final class PicocliMain {
  private PicocliMain() {}

  public static void main(String[] args) {
    Main.prepare(args);
    System.exit(SfCommand.commandLine(args).execute(args));
  }
}
