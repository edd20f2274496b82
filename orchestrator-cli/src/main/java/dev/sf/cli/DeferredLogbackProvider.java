package dev.sf.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Util;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider that starts Logback only when something is logged at WARN or above, or when
 * {@code -v}, {@code -vv} or a call to {@link #setRootLevel} requests a level below WARN. Until
 * then its loggers are {@link DeferredLogger}s that drop events below WARN after one comparison.
 *
 * <p>Starting Logback (the SLF4J service lookup over every jar, the logger context, the search
 * for a configurator, the status checks) was the largest single cost of a short command such as
 * {@code sf parallel status}, which logs nothing unless it fails. {@link Main} selects this
 * provider through the {@code slf4j.provider} system property; once started, Logback is
 * configured exactly as with its own provider, through {@link LogConfigurator}.
 */
public final class DeferredLogbackProvider implements SLF4JServiceProvider {
  private final ConcurrentMap<String, DeferredLogger> loggers = new ConcurrentHashMap<>();
  private final Factory loggerFactory = new Factory();
  private final IMarkerFactory markerFactory = new BasicMarkerFactory();
  private final LogbackMDCAdapter mdcAdapter = new LogbackMDCAdapter();
  private volatile LoggerContext context;
  private Level rootLevel = Level.WARN;

  /** Creates the provider; Logback stays stopped until {@link #context()} is first called. */
  public DeferredLogbackProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // Nothing to do until the first event: that is the point of this provider.
  }

  /** Returns whether Logback has been started. */
  boolean started() {
    return context != null;
  }

  /**
   * Sets the root logger's level. A level below WARN starts Logback at once, because the
   * deferred loggers pass on only WARN and ERROR events.
   */
  synchronized void setRootLevel(Level level) {
    rootLevel = level;
    if (context != null || level.toInt() < Level.WARN_INT) {
      context().getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
    }
  }

  /**
   * Returns the Logback context, starting it first if needed: the same steps as Logback's own
   * provider (auto-configuration, which finds {@link LogConfigurator}, then a report of
   * configuration errors), then the root level requested so far.
   */
  LoggerContext context() {
    LoggerContext started = context;
    if (started != null) {
      return started;
    }
    synchronized (this) {
      if (context == null) {
        context = start();
      }
      return context;
    }
  }

  private LoggerContext start() {
    LoggerContext created = new LoggerContext();
    created.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    created.setMDCAdapter(mdcAdapter);
    try {
      new ContextInitializer(created).autoConfig();
    } catch (JoranException e) {
      Util.report("Failed to configure Logback", e);
    }
    if (!StatusUtil.contextHasStatusListener(created)) {
      StatusPrinter.printInCaseOfErrorsOrWarnings(created);
    }
    created.start();
    created.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootLevel);
    return created;
  }

  /** The logger factory, which also leads back to its provider for {@link LogLevels}. */
  final class Factory implements ILoggerFactory {
    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, key -> new DeferredLogger(key, provider()));
    }

    DeferredLogbackProvider provider() {
      return DeferredLogbackProvider.this;
    }
  }
}
