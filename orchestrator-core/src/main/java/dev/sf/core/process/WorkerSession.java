package dev.sf.core.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sf.core.model.Preferences.ModelPrice;
import dev.sf.core.process.cost.CostLedger;
import dev.sf.core.process.cost.CostSnapshot;
import dev.sf.core.process.cost.LedgerState;
import dev.sf.core.process.cost.Metrics;
import dev.sf.core.process.cost.MetricsFile;
import dev.sf.core.process.output.LogReader;
import dev.sf.errors.SfException;
import dev.sf.spi.OutputFormat;
import dev.sf.spi.WorkerOutputEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One milestone's log reader and cost ledger together: reads what its workers appended to the
 * log, accounts for it, and writes the worktree's {@code metrics.json}. The ledger and the log
 * offset are saved together in each {@link SessionUpdate}, so a later coordinator resumes at
 * exactly the byte where this one stopped, counting nothing twice. Not thread-safe: one thread
 * at a time.
 */
public final class WorkerSession {
  private static final Logger log = LoggerFactory.getLogger(WorkerSession.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Duration METRICS_INTERVAL = Duration.ofMillis(500);

  private final String milestoneId;
  private final LogReader reader;
  private final CostLedger ledger;
  private final boolean requiresCompletionEvent;
  private final Path worktree;
  private List<String> slicesDone;
  private String latestActivity;
  private Instant startedAt;
  private Instant lastMetricsWrite = Instant.EPOCH;

  private WorkerSession(String milestoneId, LogReader reader, CostLedger ledger,
      boolean requiresCompletionEvent, Path worktree) {
    this.milestoneId = milestoneId;
    this.reader = reader;
    this.ledger = ledger;
    this.requiresCompletionEvent = requiresCompletionEvent;
    this.worktree = worktree;
    this.slicesDone = doneSlices(ledger.snapshot());
  }

  /**
   * Opens the session of a milestone at the recorded log offset with the recorded ledger.
   *
   * @param milestoneId the milestone
   * @param logFile the worker log
   * @param offset the byte offset up to which the log was accounted for
   * @param ledgerState the saved ledger as JSON, or null for a new one
   * @param format the worker's output format
   * @param pricing the pricing table
   * @param defaultModel the model tokens are charged to when the output names none, or null
   * @param worktree the milestone's worktree, for {@code metrics.json}
   */
  public static WorkerSession resume(String milestoneId, Path logFile, long offset,
      JsonNode ledgerState, OutputFormat format, Map<String, ModelPrice> pricing,
      String defaultModel, Path worktree) {
    CostLedger ledger;
    if (ledgerState == null || ledgerState.isNull()) {
      ledger = new CostLedger(milestoneId, pricing, defaultModel);
    } else {
      try {
        LedgerState state = JSON.treeToValue(ledgerState, LedgerState.class);
        ledger = CostLedger.restore(milestoneId, pricing, defaultModel, state);
      } catch (IOException e) {
        throw new SfException("The saved cost ledger of milestone " + milestoneId
            + " cannot be read: " + e.getMessage() + ". Run 'sf doctor --fix' to rebuild it"
            + " from the worker log.", e);
      }
    }
    LogReader reader = new LogReader(logFile, offset, format.newParser());
    return new WorkerSession(milestoneId, reader, ledger, "sf-events".equals(format.name()),
        worktree);
  }

  /** Returns true when the format has a completion event that a successful worker must send. */
  public boolean requiresCompletionEvent() {
    return requiresCompletionEvent;
  }

  /** Starts the accounting of a new worker process; call it before the process starts. */
  public void startNewWorker() {
    ledger.startSession();
    startedAt = Instant.now();
    latestActivity = null;
  }

  /** Reads and accounts for the output appended since the last read. */
  public SessionUpdate poll() {
    return read(false);
  }

  /** Reads the rest of the log, treating a partial last line as complete. */
  public SessionUpdate finish() {
    return read(true);
  }

  /** Returns the totals as they are, without reading. */
  public SessionUpdate current() {
    return update(List.of(), false);
  }

  /** Writes {@code metrics.json} with the current totals and the worker's exit. */
  public void writeMetrics(Instant endedAt, Integer exitCode) {
    if (worktree == null || !Files.isDirectory(worktree)) {
      return;
    }
    try {
      MetricsFile.write(worktree, Metrics.of(milestoneId, ledger.snapshot(), startedAt, endedAt,
          exitCode, Instant.now()));
      lastMetricsWrite = Instant.now();
    } catch (IOException e) {
      log.warn("Writing metrics.json of milestone {} failed", milestoneId, e);
    }
  }

  private SessionUpdate read(boolean last) {
    boolean[] changed = {false};
    try {
      if (last) {
        reader.finish(event -> changed[0] |= accept(event));
      } else {
        reader.readAvailable(event -> changed[0] |= accept(event));
      }
    } catch (IOException e) {
      throw new SfException("Reading the log of milestone " + milestoneId + " failed: "
          + e.getMessage(), e);
    }
    List<String> previous = slicesDone;
    slicesDone = doneSlices(ledger.snapshot());
    List<String> newlyDone = new ArrayList<>(slicesDone);
    newlyDone.removeAll(previous);
    if (changed[0] && Duration.between(lastMetricsWrite, Instant.now())
        .compareTo(METRICS_INTERVAL) >= 0) {
      writeMetrics(null, null);
    }
    return update(newlyDone, changed[0]);
  }

  private boolean accept(WorkerOutputEvent event) {
    if (event instanceof WorkerOutputEvent.Progress progress) {
      latestActivity = progress.message();
      ledger.apply(event);
      return true;
    }
    return ledger.apply(event);
  }

  private SessionUpdate update(List<String> newlyDone, boolean changed) {
    CostSnapshot snapshot = ledger.snapshot();
    JsonNode state = JSON.valueToTree(ledger.state());
    return new SessionUpdate(reader.offset(), state, snapshot.totalUsd(),
        List.copyOf(snapshot.unpricedModels()), slicesDone, newlyDone, latestActivity,
        snapshot.completed(), changed);
  }

  private static List<String> doneSlices(CostSnapshot snapshot) {
    List<String> done = new ArrayList<>();
    snapshot.slices().forEach((id, state) -> {
      if ("done".equals(state)) {
        done.add(id);
      }
    });
    return done;
  }
}
