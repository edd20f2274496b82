package dev.sf.core.process.cost;

import dev.sf.core.model.Preferences.ModelPrice;
import dev.sf.core.process.cost.LedgerState.SessionState;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.Completed;
import dev.sf.spi.WorkerOutputEvent.CostDelta;
import dev.sf.spi.WorkerOutputEvent.CostTotal;
import dev.sf.spi.WorkerOutputEvent.Progress;
import dev.sf.spi.WorkerOutputEvent.SliceChanged;
import dev.sf.spi.WorkerOutputEvent.TokenUsage;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Adds up the cost, tokens and slice states of one milestone over all the worker processes that
 * worked on it. The rules:
 *
 * <ul>
 *   <li>Each worker process is a session ({@link #startSession()}). A cumulative total applies to
 *       its own session only, so a restarted worker that starts counting at 0 again adds to the
 *       cost of earlier sessions and never replaces it.
 *   <li>Within a session, a cumulative total lower than an earlier one is ignored with a warning;
 *       deltas are added to the cumulative total.
 *   <li>Negative costs, costs above {@link #MAX_REPORT_USD} in one report, and values that are
 *       not finite numbers (which parsers report as {@code invalid-cost}) are rejected with a
 *       warning.
 *   <li>A session that reports any cost is charged what it reports; its tokens are recorded but
 *       not priced, so output that carries both a cost and tokens is never counted twice. A
 *       session that reports only tokens is charged for them from the pricing table, cached input
 *       at its own price. A model without a price keeps its tokens and is listed as unpriced.
 * </ul>
 *
 * <p>Each kind of warning is logged once per milestone through a {@link WarningLimiter} and then
 * only counted. An instance is not thread-safe; one actor or thread owns it.
 */
public final class CostLedger {

  /** Largest cost accepted in one report, in US dollars. */
  public static final BigDecimal MAX_REPORT_USD = new BigDecimal("1000000");

  /** Model name used for tokens whose output names no model. */
  public static final String UNKNOWN_MODEL = "unknown";

  private final Map<String, ModelPrice> pricing;
  private final String defaultModel;
  private final WarningLimiter warnings;
  private final List<Session> sessions = new ArrayList<>();
  private final Map<String, String> slices = new LinkedHashMap<>();
  private boolean completed;

  /**
   * Creates an empty ledger.
   *
   * @param milestoneId the milestone, named in warnings
   * @param pricing USD per million tokens by model name
   * @param defaultModel the model to charge tokens to when the output names none, for example
   *     the {@code --model} of the worker's command; null for {@value #UNKNOWN_MODEL}
   */
  public CostLedger(String milestoneId, Map<String, ModelPrice> pricing, String defaultModel) {
    this(milestoneId, pricing, defaultModel, null);
  }

  private CostLedger(
      String milestoneId, Map<String, ModelPrice> pricing, String defaultModel, LedgerState state) {
    this.pricing = Map.copyOf(pricing);
    this.defaultModel = defaultModel;
    this.warnings = new WarningLimiter(
        Objects.requireNonNull(milestoneId, "milestoneId"),
        state == null ? Map.of() : state.warningCounts());
    if (state != null) {
      state.sessions().forEach(saved -> sessions.add(Session.restore(saved)));
      slices.putAll(state.slices());
      completed = state.completed();
    }
  }

  /**
   * Creates a ledger that continues from a saved state with the same totals.
   *
   * @param milestoneId the milestone, named in warnings
   * @param pricing USD per million tokens by model name
   * @param defaultModel as for {@link #CostLedger(String, Map, String)}
   * @param state what {@link #state()} returned earlier
   * @return the restored ledger
   */
  public static CostLedger restore(
      String milestoneId, Map<String, ModelPrice> pricing, String defaultModel, LedgerState state) {
    return new CostLedger(milestoneId, pricing, defaultModel, Objects.requireNonNull(state));
  }

  /**
   * Starts a new session: call it each time a worker process starts or restarts for the
   * milestone, before applying its output. It also clears the completion flag, since only the
   * new process can report completion now.
   */
  public void startSession() {
    sessions.add(new Session());
    completed = false;
  }

  /**
   * Applies one event of the current session; starts the first session if none was started.
   * Progress messages change nothing here.
   *
   * @param event the event read from the worker's output
   * @return true when the snapshot changed (cost, tokens, slices or completion)
   */
  public boolean apply(WorkerOutputEvent event) {
    if (sessions.isEmpty()) {
      startSession();
    }
    Session session = sessions.get(sessions.size() - 1);
    if (event instanceof CostTotal total) {
      return acceptCost(total.totalUsd(), "total")
          && session.applyTotal(total.totalUsd(), warnings);
    } else if (event instanceof CostDelta delta) {
      return acceptCost(delta.deltaUsd(), "delta") && session.applyDelta(delta.deltaUsd());
    } else if (event instanceof TokenUsage usage) {
      return applyTokens(session, usage);
    } else if (event instanceof SliceChanged slice) {
      return !slice.state().equals(slices.put(slice.sliceId(), slice.state()));
    } else if (event instanceof Completed) {
      boolean changed = !completed;
      completed = true;
      return changed;
    } else if (event instanceof Unrecognized unrecognized) {
      warnings.warn(unrecognized.kind(), unrecognized.detail());
      return false;
    } else if (event instanceof Progress) {
      return false;
    }
    throw new IllegalArgumentException("Unknown worker output event " + event);
  }

  /**
   * Returns the current totals.
   *
   * @return an immutable snapshot
   */
  public CostSnapshot snapshot() {
    BigDecimal total = BigDecimal.ZERO;
    Map<String, TokenCounts> tokens = new TreeMap<>();
    Set<String> unpriced = new TreeSet<>();
    for (Session session : sessions) {
      Map<String, TokenCounts> sessionTokens = session.tokens();
      sessionTokens.forEach((model, counts) -> tokens.merge(model, counts, TokenCounts::plus));
      if (session.reportsCost) {
        total = total.add(session.reportedUsd());
      } else {
        total = total.add(Pricing.price(sessionTokens, pricing, unpriced));
      }
    }
    return new CostSnapshot(total, tokens, tokens.keySet(), unpriced, slices, completed,
        warnings.counts(), sessions.size());
  }

  /**
   * Returns the state to persist, from which {@link #restore} builds an equal ledger.
   *
   * @return the state as plain data
   */
  public LedgerState state() {
    List<SessionState> saved = sessions.stream().map(Session::save).toList();
    return new LedgerState(
        LedgerState.SCHEMA_VERSION, saved, slices, completed, warnings.counts());
  }

  /**
   * Returns the limiter that counts this ledger's warnings.
   *
   * @return the warning limiter
   */
  public WarningLimiter warnings() {
    return warnings;
  }

  private boolean acceptCost(BigDecimal usd, String what) {
    if (usd.signum() < 0) {
      warnings.warn("negative-cost", "ignored the negative cost " + what + " '"
          + usd.toPlainString() + "' USD");
      return false;
    }
    if (usd.compareTo(MAX_REPORT_USD) > 0) {
      warnings.warn("cost-too-large", "ignored the cost " + what + " '" + usd.toPlainString()
          + "' USD, which is more than " + MAX_REPORT_USD.toPlainString() + " USD in one report");
      return false;
    }
    return true;
  }

  private boolean applyTokens(Session session, TokenUsage usage) {
    if (usage.input() < 0 || usage.cachedInput() < 0 || usage.output() < 0) {
      warnings.warn("invalid-tokens", "ignored negative token counts " + usage);
      return false;
    }
    String model = usage.model() != null && !usage.model().isBlank() ? usage.model()
        : defaultModel != null ? defaultModel : UNKNOWN_MODEL;
    TokenCounts counts = new TokenCounts(usage.input(), usage.cachedInput(), usage.output());
    if (!usage.cumulative()) {
      session.deltaTokens.merge(model, counts, TokenCounts::plus);
      return counts.total() > 0;
    }
    TokenCounts previous = session.cumulativeTokens.getOrDefault(model, TokenCounts.ZERO);
    if (counts.anyBelow(previous)) {
      warnings.warn("tokens-decreased", "ignored cumulative tokens " + counts + " of model '"
          + model + "', lower than the earlier " + previous + " of the same session");
      return false;
    }
    session.cumulativeTokens.put(model, counts);
    return !counts.equals(previous);
  }

  /** The figures of one worker process; the mutable counterpart of {@link SessionState}. */
  private static final class Session {
    private BigDecimal lastTotal = BigDecimal.ZERO;
    private BigDecimal deltas = BigDecimal.ZERO;
    private boolean reportsCost;
    private final Map<String, TokenCounts> cumulativeTokens = new TreeMap<>();
    private final Map<String, TokenCounts> deltaTokens = new TreeMap<>();

    static Session restore(SessionState saved) {
      Session session = new Session();
      session.lastTotal = saved.lastTotalUsd();
      session.deltas = saved.deltaUsd();
      session.reportsCost = saved.reportsCost();
      session.cumulativeTokens.putAll(saved.cumulativeTokens());
      session.deltaTokens.putAll(saved.deltaTokens());
      return session;
    }

    SessionState save() {
      return new SessionState(lastTotal, deltas, reportsCost, cumulativeTokens, deltaTokens);
    }

    boolean applyTotal(BigDecimal total, WarningLimiter warnings) {
      int order = total.compareTo(lastTotal);
      if (order < 0) {
        warnings.warn("cost-decreased", "ignored the cumulative cost '" + total.toPlainString()
            + "' USD, lower than the earlier '" + lastTotal.toPlainString()
            + "' USD of the same worker process");
        return false;
      }
      boolean changed = order > 0 || !reportsCost;
      lastTotal = total;
      reportsCost = true;
      return changed;
    }

    boolean applyDelta(BigDecimal delta) {
      boolean changed = delta.signum() > 0 || !reportsCost;
      deltas = deltas.add(delta);
      reportsCost = true;
      return changed;
    }

    BigDecimal reportedUsd() {
      return lastTotal.add(deltas);
    }

    Map<String, TokenCounts> tokens() {
      Map<String, TokenCounts> sum = new TreeMap<>(cumulativeTokens);
      deltaTokens.forEach((model, counts) -> sum.merge(model, counts, TokenCounts::plus));
      return sum;
    }
  }
}
