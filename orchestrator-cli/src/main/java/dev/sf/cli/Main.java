package dev.sf.cli;

import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Runs the {@code sf} command and exits with its exit code. */
public final class Main {
  /** SLF4J's setting for its own messages (not the application's log level). */
  private static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

  private Main() {}

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    prepare(args);
    Optional<StatusShortcut.Request> status = StatusShortcut.parse(args);
    int exitCode = status.isPresent() ? StatusShortcut.run(status.get())
        : SfCommand.commandLine(args).execute(args);
    System.exit(exitCode);
  }

  /** Chooses the SLF4J provider and sets the log level from {@code args}, before any command. */
  static void prepare(String[] args) {
    useDeferredLogback();
    LogLevels.configure(args);
  }

  /**
   * Makes {@link DeferredLogbackProvider} the SLF4J provider unless one is chosen already. Naming
   * it also spares SLF4J its search of the class path for providers, and SLF4J's own verbosity is
   * raised to WARN so that it does not announce the choice on standard error.
   */
  private static void useDeferredLogback() {
    if (System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY) == null) {
      System.setProperty(LoggerFactory.PROVIDER_PROPERTY_KEY,
          DeferredLogbackProvider.class.getName());
      if (System.getProperty(SLF4J_VERBOSITY_PROPERTY) == null) {
        System.setProperty(SLF4J_VERBOSITY_PROPERTY, "WARN");
      }
    }
  }
}
