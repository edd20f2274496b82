package dev.sf.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the log level from {@code -v} (INFO), {@code -vv} (DEBUG) and {@code -q} (ERROR) before
 * any command runs, so that even option parsing logs at the requested level.
 */
final class LogLevels {
  private LogLevels() {}

  static void configure(String[] args) {
    int verbosity = 0;
    boolean quiet = false;
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("-q") || arg.equals("--quiet")) {
        quiet = true;
      } else if (arg.equals("--verbose")) {
        verbosity++;
      } else if (isShortVerbose(arg)) {
        verbosity += arg.length() - 1;
      }
    }
    apply(quiet ? Level.ERROR : verbosity >= 2 ? Level.DEBUG : verbosity == 1 ? Level.INFO
        : Level.WARN);
  }

  /**
   * Sets the root logger's level, through {@link DeferredLogbackProvider} when it is the SLF4J
   * provider (as in {@link Main}) and on Logback's root logger otherwise (as in tests).
   */
  static void apply(Level level) {
    if (LoggerFactory.getILoggerFactory() instanceof DeferredLogbackProvider.Factory factory) {
      factory.provider().setRootLevel(level);
      return;
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
  }

  /** Returns whether {@code option} is {@code -v}, {@code -vv} and so on. */
  static boolean isShortVerbose(String option) {
    if (option.length() < 2 || option.charAt(0) != '-') {
      return false;
    }
    for (int i = 1; i < option.length(); i++) {
      if (option.charAt(i) != 'v') {
        return false;
      }
    }
    return true;
  }
}
