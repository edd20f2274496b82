package dev.sf.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures Logback in code instead of from an XML file, which keeps the start-up of short
 * commands such as {@code sf parallel status} free of the XML configuration machinery and of the
 * pattern layout (see {@link StderrAppender}). The CLI
 * logs to standard error, at WARN until {@code -v}, {@code -vv} or {@code -q} changes the level;
 * Pekko and JGit stay at WARN.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    StderrAppender stderr = new StderrAppender();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("org.apache.pekko").setLevel(Level.WARN);
    context.getLogger("org.eclipse.jgit").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
