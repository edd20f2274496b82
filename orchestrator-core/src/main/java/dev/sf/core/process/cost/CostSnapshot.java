package dev.sf.core.process.cost;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The totals of one milestone's {@link CostLedger} at one moment.
 *
 * @param totalUsd the cost of all sessions in US dollars
 * @param tokensByModel tokens by model name, over all sessions
 * @param models every model that reported tokens, sorted
 * @param unpricedModels models whose tokens had to be priced but have no price in {@code
 *     pricing}; their tokens are not in {@code totalUsd}
 * @param slices slice id to its last state ({@code started}, {@code done} or {@code failed}), in
 *     the order they were first reported
 * @param completed whether the worker of the latest session reported completion
 * @param warningCounts warnings by kind, such as {@code negative-cost}
 * @param sessions how many worker processes reported into the ledger
 */
public record CostSnapshot(
    BigDecimal totalUsd,
    Map<String, TokenCounts> tokensByModel,
    Set<String> models,
    Set<String> unpricedModels,
    Map<String, String> slices,
    boolean completed,
    Map<String, Long> warningCounts,
    int sessions) {

  /** Copies every collection so that the snapshot cannot change. */
  public CostSnapshot {
    tokensByModel = Collections.unmodifiableMap(new TreeMap<>(tokensByModel));
    models = Collections.unmodifiableSet(new TreeSet<>(models));
    unpricedModels = Collections.unmodifiableSet(new TreeSet<>(unpricedModels));
    slices = Collections.unmodifiableMap(new LinkedHashMap<>(slices));
    warningCounts = Collections.unmodifiableMap(new TreeMap<>(warningCounts));
  }

  /**
   * Returns the tokens of all models added up by kind.
   *
   * @return the sum over {@link #tokensByModel()}
   */
  public TokenCounts totalTokens() {
    TokenCounts sum = TokenCounts.ZERO;
    for (TokenCounts counts : tokensByModel.values()) {
      sum = sum.plus(counts);
    }
    return sum;
  }

  /**
   * Returns whether some tokens are not priced, so that {@link #totalUsd()} is a lower bound.
   *
   * @return true when {@link #unpricedModels()} is not empty
   */
  public boolean hasUnpricedTokens() {
    return !unpricedModels.isEmpty();
  }
}
