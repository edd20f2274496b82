package dev.sf.core.process.cost;

import dev.sf.core.model.Preferences.ModelPrice;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Prices token counts from a table of USD per million tokens. Cached input has its own price; a
 * price without one charges cached input at the input price. A model with no entry, or an entry
 * without an input or output price, is unpriced: its tokens cost nothing here and its name is
 * added to the caller's set, so that the gap is reported instead of hidden.
 */
final class Pricing {

  private Pricing() {}

  static BigDecimal price(
      Map<String, TokenCounts> tokensByModel, Map<String, ModelPrice> table, Set<String> unpriced) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<String, TokenCounts> entry : tokensByModel.entrySet()) {
      TokenCounts counts = entry.getValue();
      if (counts.total() == 0) {
        continue;
      }
      ModelPrice price = table.get(entry.getKey());
      if (price == null || price.input() == null || price.output() == null) {
        unpriced.add(entry.getKey());
        continue;
      }
      BigDecimal cachedPrice = price.cachedInput() != null ? price.cachedInput() : price.input();
      BigDecimal perMillion = price.input().multiply(BigDecimal.valueOf(counts.input()))
          .add(cachedPrice.multiply(BigDecimal.valueOf(counts.cachedInput())))
          .add(price.output().multiply(BigDecimal.valueOf(counts.output())));
      sum = sum.add(perMillion.movePointLeft(6));
    }
    return sum;
  }
}
