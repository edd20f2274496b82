package dev.sf.core.process.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WarningLimiterTest {

  @Test
  void logsFirstOfEachKindAndCountsAll() {
    WarningLimiter limiter = new WarningLimiter("M001");

    assertTrue(limiter.warn("negative-cost", "one"));
    assertFalse(limiter.warn("negative-cost", "two"));
    assertTrue(limiter.warn("invalid-json", "three"));

    assertEquals(Map.of("negative-cost", 2L, "invalid-json", 1L), limiter.counts());
    assertEquals(0L, limiter.count("cost-too-large"));
  }

  @Test
  void restoredCountsAreNotLoggedAgain() {
    WarningLimiter limiter = new WarningLimiter("M001", Map.of("invalid-json", 3L));

    assertFalse(limiter.warn("invalid-json", "again"));
    assertEquals(4L, limiter.count("invalid-json"));
  }
}
