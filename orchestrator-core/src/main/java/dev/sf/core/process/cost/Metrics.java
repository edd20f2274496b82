package dev.sf.core.process.cost;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a worktree's {@code .sf/metrics.json}: what one milestone's workers cost and
 * did. Times are UTC instants, written as ISO-8601 text.
 *
 * @param schemaVersion the layout version, currently 1
 * @param milestone the milestone id
 * @param costUsd the cost so far in US dollars
 * @param tokens tokens by model name and kind
 * @param tokensTotal tokens of all models by kind
 * @param models every model that reported tokens, sorted
 * @param unpricedModels models whose tokens have no price, so {@code costUsd} leaves them out
 * @param startedAt when the first worker process started, or null
 * @param endedAt when the last worker process ended, or null while one runs
 * @param slices slice id to its last state
 * @param completed whether the worker reported completion
 * @param exitCode the exit code of the last worker process, or null while it runs
 * @param updatedAt when this file was written
 */
@JsonPropertyOrder({"schema_version", "milestone", "cost_usd", "tokens", "tokens_total", "models",
    "unpriced_models", "started_at", "ended_at", "slices", "completed", "exit_code",
    "updated_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Metrics(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("milestone") String milestone,
    @JsonProperty("cost_usd") BigDecimal costUsd,
    @JsonProperty("tokens") Map<String, TokenCounts> tokens,
    @JsonProperty("tokens_total") TokenCounts tokensTotal,
    @JsonProperty("models") List<String> models,
    @JsonProperty("unpriced_models") List<String> unpricedModels,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("ended_at") Instant endedAt,
    @JsonProperty("slices") Map<String, String> slices,
    @JsonProperty("completed") boolean completed,
    @JsonProperty("exit_code") Integer exitCode,
    @JsonProperty("updated_at") Instant updatedAt) {

  /** The current layout version. */
  public static final int SCHEMA_VERSION = 1;

  /** Replaces absent collections with empty ones and copies the others. */
  public Metrics {
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    tokens = tokens == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tokens));
    tokensTotal = tokensTotal == null ? TokenCounts.ZERO : tokensTotal;
    models = models == null ? List.of() : List.copyOf(models);
    unpricedModels = unpricedModels == null ? List.of() : List.copyOf(unpricedModels);
    slices = slices == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(slices));
  }

  /**
   * Builds the metrics of a milestone from its ledger's snapshot.
   *
   * @param milestone the milestone id
   * @param snapshot the ledger's current totals
   * @param startedAt when the first worker process started, or null
   * @param endedAt when the last worker process ended, or null while one runs
   * @param exitCode the exit code of the last worker process, or null while it runs
   * @param updatedAt the time of writing
   * @return the metrics
   */
  public static Metrics of(String milestone, CostSnapshot snapshot, Instant startedAt,
      Instant endedAt, Integer exitCode, Instant updatedAt) {
    return new Metrics(SCHEMA_VERSION, milestone, snapshot.totalUsd(), snapshot.tokensByModel(),
        snapshot.totalTokens(), List.copyOf(snapshot.models()),
        List.copyOf(snapshot.unpricedModels()), startedAt, endedAt, snapshot.slices(),
        snapshot.completed(), exitCode, updatedAt);
  }
}
