package dev.sf.core.process.cost;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a warning once per kind for one milestone and counts the repeats, so that a worker that
 * prints the same bad line ten thousand times fills neither the log nor the disk.
 */
public final class WarningLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(WarningLimiter.class);

  private final String milestoneId;
  private final Map<String, Long> counts = new TreeMap<>();

  /**
   * Creates a limiter with no warnings counted yet.
   *
   * @param milestoneId the milestone named in every warning
   */
  public WarningLimiter(String milestoneId) {
    this(milestoneId, Map.of());
  }

  /**
   * Creates a limiter that continues from counts saved earlier; kinds already counted are not
   * logged again.
   *
   * @param milestoneId the milestone named in every warning
   * @param counts the saved counts by kind
   */
  public WarningLimiter(String milestoneId, Map<String, Long> counts) {
    this.milestoneId = milestoneId;
    this.counts.putAll(counts);
  }

  /**
   * Counts a warning and logs it at WARN if it is the first of its kind.
   *
   * @param kind a short stable name such as {@code negative-cost}
   * @param detail what was wrong, including the offending value
   * @return true when the warning was logged, false when it was only counted
   */
  public synchronized boolean warn(String kind, String detail) {
    long seen = counts.merge(kind, 1L, Long::sum);
    if (seen > 1) {
      return false;
    }
    LOG.warn("Milestone {}: {} ({}); later warnings of this kind are only counted",
        milestoneId, detail, kind);
    return true;
  }

  /**
   * Returns how often warnings of one kind occurred.
   *
   * @param kind the kind
   * @return the count, 0 when none occurred
   */
  public synchronized long count(String kind) {
    return counts.getOrDefault(kind, 0L);
  }

  /**
   * Returns the counts of all kinds, sorted by kind.
   *
   * @return an immutable copy of the counts
   */
  public synchronized Map<String, Long> counts() {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }
}
