package dev.sf.core.process.cost;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link CostLedger} needs to continue after a restart of the coordinator, as plain
 * data that Jackson writes and reads. Store it together with the log offset that it matches.
 *
 * @param schemaVersion the layout version, currently 1
 * @param sessions one entry per worker process, oldest first
 * @param slices slice id to last state
 * @param completed whether the latest session reported completion
 * @param warningCounts warnings counted so far, by kind
 */
public record LedgerState(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("sessions") List<SessionState> sessions,
    @JsonProperty("slices") Map<String, String> slices,
    @JsonProperty("completed") boolean completed,
    @JsonProperty("warning_counts") Map<String, Long> warningCounts) {

  /** The current layout version. */
  public static final int SCHEMA_VERSION = 1;

  /** Replaces absent collections with empty ones and copies the others. */
  public LedgerState {
    sessions = sessions == null ? List.of() : List.copyOf(sessions);
    slices = slices == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(slices));
    warningCounts = warningCounts == null ? Map.of() : Map.copyOf(warningCounts);
  }

  /**
   * The figures one worker process reported.
   *
   * @param lastTotalUsd the highest cumulative cost it reported, the base that later cumulative
   *     reports of the same session replace
   * @param deltaUsd the sum of the cost deltas it reported
   * @param reportsCost whether it reported any cost; when false its tokens are priced instead
   * @param cumulativeTokens the latest cumulative token counts by model
   * @param deltaTokens the sum of non-cumulative token counts by model
   */
  public record SessionState(
      @JsonProperty("last_total_usd") BigDecimal lastTotalUsd,
      @JsonProperty("delta_usd") BigDecimal deltaUsd,
      @JsonProperty("reports_cost") boolean reportsCost,
      @JsonProperty("cumulative_tokens") Map<String, TokenCounts> cumulativeTokens,
      @JsonProperty("delta_tokens") Map<String, TokenCounts> deltaTokens) {

    /** Replaces absent values with zero and empty maps. */
    public SessionState {
      lastTotalUsd = lastTotalUsd == null ? BigDecimal.ZERO : lastTotalUsd;
      deltaUsd = deltaUsd == null ? BigDecimal.ZERO : deltaUsd;
      cumulativeTokens = cumulativeTokens == null ? Map.of() : Map.copyOf(cumulativeTokens);
      deltaTokens = deltaTokens == null ? Map.of() : Map.copyOf(deltaTokens);
    }
  }
}
