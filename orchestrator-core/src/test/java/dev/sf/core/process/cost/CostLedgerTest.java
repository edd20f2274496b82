package dev.sf.core.process.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sf.core.process.TestResources;
import dev.sf.spi.WorkerOutputEvent.Completed;
import dev.sf.spi.WorkerOutputEvent.CostDelta;
import dev.sf.spi.WorkerOutputEvent.CostTotal;
import dev.sf.spi.WorkerOutputEvent.Progress;
import dev.sf.spi.WorkerOutputEvent.SliceChanged;
import dev.sf.spi.WorkerOutputEvent.TokenUsage;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostLedgerTest {

  private final CostLedger ledger = new CostLedger("M001", TestResources.PRICING, null);

  private static CostTotal total(String usd) {
    return new CostTotal(new BigDecimal(usd));
  }

  private static void assertUsd(String expected, BigDecimal actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual),
        "expected " + expected + " USD but was " + actual.toPlainString());
  }

  @Test
  void cumulativeTotalsReplaceWithinSession() {
    ledger.startSession();

    assertTrue(ledger.apply(total("0.5")));
    assertTrue(ledger.apply(total("1.25")));
    assertFalse(ledger.apply(total("1.25")));

    assertUsd("1.25", ledger.snapshot().totalUsd());
  }

  @Test
  void newSessionAddsToEarlierSessions() {
    ledger.startSession();
    ledger.apply(total("2.00"));
    ledger.startSession();
    ledger.apply(total("0.30"));
    ledger.apply(total("0.75"));

    CostSnapshot snapshot = ledger.snapshot();

    assertUsd("2.75", snapshot.totalUsd());
    assertEquals(2, snapshot.sessions());
  }

  @Test
  void lowerTotalIsIgnoredWithWarning() {
    ledger.startSession();
    ledger.apply(total("1.00"));

    assertFalse(ledger.apply(total("0.40")));
    assertFalse(ledger.apply(total("0.20")));

    assertUsd("1.00", ledger.snapshot().totalUsd());
    assertEquals(Map.of("cost-decreased", 2L), ledger.snapshot().warningCounts());
  }

  @Test
  void deltasAddUpAndCombineWithTotal() {
    ledger.apply(new CostDelta(new BigDecimal("0.10")));
    ledger.apply(new CostDelta(new BigDecimal("0.15")));
    ledger.apply(total("1.00"));

    assertUsd("1.25", ledger.snapshot().totalUsd());
    assertEquals(1, ledger.snapshot().sessions());
  }

  @Test
  void rejectsNegativeAndHugeCosts() {
    ledger.startSession();

    assertFalse(ledger.apply(total("-1")));
    assertFalse(ledger.apply(new CostDelta(new BigDecimal("-0.01"))));
    assertFalse(ledger.apply(total("1000000.01")));
    assertFalse(ledger.apply(new CostDelta(new BigDecimal("1e400"))));

    CostSnapshot snapshot = ledger.snapshot();
    assertUsd("0", snapshot.totalUsd());
    assertEquals(Map.of("negative-cost", 2L, "cost-too-large", 2L), snapshot.warningCounts());
  }

  @Test
  void unrecognizedEventsAreCountedByKind() {
    assertFalse(ledger.apply(new Unrecognized("invalid-cost", "total_usd 'abc'")));
    assertFalse(ledger.apply(new Unrecognized("invalid-cost", "total_usd 'NaN'")));
    assertFalse(ledger.apply(new Unrecognized("line-too-long", "10 MB")));

    assertEquals(2L, ledger.warnings().count("invalid-cost"));
    assertEquals(1L, ledger.warnings().count("line-too-long"));
  }

  @Test
  void pricesTokensOfSessionWithoutCost() {
    ledger.startSession();
    ledger.apply(new TokenUsage("gpt-5-codex", 315, 24448, 122, false));
    ledger.apply(new TokenUsage("gpt-5-codex", 8000, 2000, 878, false));

    CostSnapshot snapshot = ledger.snapshot();

    // 8315 * 1.25 + 26448 * 0.125 + 1000 * 10, per million tokens
    assertUsd("0.02369975", snapshot.totalUsd());
    assertEquals(new TokenCounts(8315, 26448, 1000), snapshot.tokensByModel().get("gpt-5-codex"));
    assertTrue(snapshot.unpricedModels().isEmpty());
  }

  @Test
  void modelWithoutPriceKeepsTokensAndIsListed() {
    ledger.apply(new TokenUsage("mystery-1", 1000, 0, 10, false));
    ledger.apply(new TokenUsage("local-model", 1_000_000, 0, 0, false));
    ledger.apply(new TokenUsage(null, 5, 0, 5, false));

    CostSnapshot snapshot = ledger.snapshot();

    assertUsd("1", snapshot.totalUsd());
    assertEquals(Set.of("mystery-1", "unknown"), snapshot.unpricedModels());
    assertEquals(Set.of("local-model", "mystery-1", "unknown"), snapshot.models());
    assertEquals(new TokenCounts(1000, 0, 10), snapshot.tokensByModel().get("mystery-1"));
    assertTrue(snapshot.hasUnpricedTokens());
  }

  @Test
  void defaultModelNamesTokensWithoutModel() {
    CostLedger codex = new CostLedger("M002", TestResources.PRICING, "gpt-5-codex");

    codex.apply(new TokenUsage(null, 1_000_000, 0, 0, false));

    assertUsd("1.25", codex.snapshot().totalUsd());
    assertEquals(Set.of("gpt-5-codex"), codex.snapshot().models());
  }

  @Test
  void costAndTokensNotCountedTwice() {
    ledger.startSession();
    ledger.apply(new TokenUsage("local-model", 1_000_000, 0, 0, true));
    ledger.apply(total("0.40"));
    ledger.apply(new TokenUsage("local-model", 2_000_000, 0, 0, true));

    CostSnapshot snapshot = ledger.snapshot();

    assertUsd("0.40", snapshot.totalUsd());
    assertEquals(new TokenCounts(2_000_000, 0, 0), snapshot.tokensByModel().get("local-model"));
    assertTrue(snapshot.unpricedModels().isEmpty());
  }

  @Test
  void costSessionListsNoUnpricedModel() {
    ledger.apply(new TokenUsage("claude-sonnet-4-5", 10, 20, 30, true));
    ledger.apply(total("0.05"));

    assertTrue(ledger.snapshot().unpricedModels().isEmpty());
    assertEquals(Set.of("claude-sonnet-4-5"), ledger.snapshot().models());
  }

  @Test
  void cumulativeTokensReplaceAndLowerOnesAreIgnored() {
    ledger.apply(new TokenUsage("local-model", 100, 0, 10, true));
    ledger.apply(new TokenUsage("local-model", 300, 0, 30, true));

    assertFalse(ledger.apply(new TokenUsage("local-model", 200, 0, 40, true)));

    assertEquals(new TokenCounts(300, 0, 30), ledger.snapshot().tokensByModel().get("local-model"));
    assertEquals(1L, ledger.warnings().count("tokens-decreased"));
  }

  @Test
  void cachedInputHasItsOwnPrice() {
    ledger.apply(new TokenUsage("local-model", 0, 1_000_000, 0, false));

    assertUsd("0.5", ledger.snapshot().totalUsd());
  }

  @Test
  void slicesCompletionAndProgress() {
    assertTrue(ledger.apply(new SliceChanged("S01", "started")));
    assertFalse(ledger.apply(new SliceChanged("S01", "started")));
    assertTrue(ledger.apply(new SliceChanged("S01", "done")));
    assertTrue(ledger.apply(new SliceChanged("S02", "failed")));
    assertFalse(ledger.apply(new Progress("halfway")));
    assertTrue(ledger.apply(new Completed()));

    CostSnapshot snapshot = ledger.snapshot();
    assertEquals(Map.of("S01", "done", "S02", "failed"), snapshot.slices());
    assertEquals(List.of("S01", "S02"), List.copyOf(snapshot.slices().keySet()));
    assertTrue(snapshot.completed());

    ledger.startSession();
    assertFalse(ledger.snapshot().completed());
  }

  @Test
  void stateSurvivesJsonRoundTrip() throws Exception {
    ledger.startSession();
    ledger.apply(total("1.10"));
    ledger.apply(new TokenUsage("local-model", 10, 2, 3, true));
    ledger.apply(new SliceChanged("S01", "done"));
    ledger.apply(new Unrecognized("invalid-json", "x"));
    ledger.startSession();
    ledger.apply(new TokenUsage("gpt-5-codex", 1000, 0, 0, false));
    ObjectMapper mapper = new ObjectMapper();

    String json = mapper.writeValueAsString(ledger.state());
    LedgerState state = mapper.readValue(json, LedgerState.class);
    CostLedger restored = CostLedger.restore("M001", TestResources.PRICING, null, state);

    assertEquals(ledger.snapshot(), restored.snapshot());
    assertTrue(json.contains("\"last_total_usd\""), json);
    restored.apply(total("0.5"));
    assertUsd("1.60", restored.snapshot().totalUsd());
    restored.apply(new Unrecognized("invalid-json", "again"));
    assertEquals(2L, restored.warnings().count("invalid-json"));
  }
}
