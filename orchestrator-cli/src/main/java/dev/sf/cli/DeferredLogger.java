package dev.sf.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LocationAwareLogger;

/**
 * A logger of {@link DeferredLogbackProvider}: until Logback runs, it reports only WARN and ERROR
 * as enabled, which is the CLI's configuration without {@code -v}; an event at one of those levels
 * starts Logback and goes to the Logback logger of the same name. Once Logback runs, every check
 * and event goes to that logger.
 */
final class DeferredLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient DeferredLogbackProvider provider;
  private transient volatile ch.qos.logback.classic.Logger delegate;

  DeferredLogger(String name, DeferredLogbackProvider provider) {
    this.name = name;
    this.provider = provider;
  }

  @Override
  public boolean isTraceEnabled() {
    return provider.started() && delegate().isTraceEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return provider.started() && delegate().isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return provider.started() && delegate().isInfoEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return !provider.started() || delegate().isWarnEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return !provider.started() || delegate().isErrorEnabled();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return DeferredLogger.class.getName();
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
      Object[] arguments, Throwable throwable) {
    LocationAwareLogger target = delegate();
    target.log(marker, getFullyQualifiedCallerName(), level.toInt(), messagePattern, arguments,
        throwable);
  }

  private ch.qos.logback.classic.Logger delegate() {
    ch.qos.logback.classic.Logger logger = delegate;
    if (logger == null) {
      LoggerContext context = provider.context();
      logger = context.getLogger(name);
      delegate = logger;
    }
    return logger;
  }
}
