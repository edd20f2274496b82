package dev.sf.cli;

/** Tells whether standard input and output are a terminal a person is looking at. */
final class Terminals {
  private Terminals() {}

  /** Returns true when both standard input and standard output are a terminal. */
  static boolean isInteractive() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }
}
