package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The SLF4J provider that starts Logback only on a WARN or ERROR event or a lower level. */
class DeferredLogbackProviderTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStandardError() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStandardError() {
    System.setErr(originalErr);
  }

  @Test
  void debugAndInfoLeaveLogbackStopped() {
    DeferredLogbackProvider provider = new DeferredLogbackProvider();
    Logger log = provider.getLoggerFactory().getLogger("dev.sf.Example");

    log.debug("not shown {}", 1);
    log.info("not shown either");

    assertFalse(provider.started());
    assertFalse(log.isInfoEnabled());
    assertTrue(log.isWarnEnabled());
    assertTrue(err.toString(StandardCharsets.UTF_8).isEmpty());
  }

  @Test
  void warningStartsLogbackAndIsWritten() {
    DeferredLogbackProvider provider = new DeferredLogbackProvider();
    Logger log = provider.getLoggerFactory().getLogger("dev.sf.Example");

    log.warn("Disk {} is full", "d1", new IllegalStateException("boom"));

    String written = err.toString(StandardCharsets.UTF_8);
    assertTrue(provider.started());
    assertTrue(written.contains(" WARN  dev.sf.Example - Disk d1 is full"), written);
    assertTrue(written.contains("java.lang.IllegalStateException: boom"), written);
  }

  @Test
  void lowerRootLevelStartsLogbackAtOnce() {
    DeferredLogbackProvider provider = new DeferredLogbackProvider();
    Logger log = provider.getLoggerFactory().getLogger("dev.sf.Example");

    provider.setRootLevel(Level.DEBUG);
    log.debug("Step {}", 2);

    String written = err.toString(StandardCharsets.UTF_8);
    assertTrue(provider.started());
    assertTrue(log.isDebugEnabled());
    assertTrue(written.contains(" DEBUG dev.sf.Example - Step 2"), written);
  }

  @Test
  void quietLevelAppliesOnceStarted() {
    DeferredLogbackProvider provider = new DeferredLogbackProvider();
    Logger log = provider.getLoggerFactory().getLogger("dev.sf.Example");

    provider.setRootLevel(Level.ERROR);
    log.warn("dropped by -q");
    log.error("kept");

    String written = err.toString(StandardCharsets.UTF_8);
    assertFalse(written.contains("dropped by -q"), written);
    assertTrue(written.contains(" ERROR dev.sf.Example - kept"), written);
  }
}
