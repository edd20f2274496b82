package dev.sf.benchmarks;

import dev.sf.core.model.Preferences.ModelPrice;
import dev.sf.core.process.cost.CostLedger;
import dev.sf.core.process.output.LogReader;
import dev.sf.core.process.output.OutputFormats;
import dev.sf.spi.OutputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lines per second read from worker logs and accounted, per output format, with four readers in
 * parallel. Each reader follows its own pre-written log from offset 0 to the end with a fresh
 * {@link LogReader} and {@link CostLedger}, as a coordinator does after a restart. The score is
 * the sum over the four threads, in lines per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(OutputThroughputBenchmark.READERS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class OutputThroughputBenchmark {

  /** Readers running at once. */
  static final int READERS = 4;

  /** Lines in each log. */
  static final int LINES = 50_000;

  private static final Map<String, ModelPrice> PRICING = Map.of(
      "gpt-5-codex", new ModelPrice(new BigDecimal("1.25"), new BigDecimal("0.125"),
          BigDecimal.TEN));

  @Param({"sf-events", "claude-stream-json", "codex-json", "gemini-stream-json", "aider"})
  public String format;

  private Path folder;
  private Path[] logs;
  private OutputFormat outputFormat;
  private final AtomicInteger nextLog = new AtomicInteger();

  /** Writes one log per reader. */
  @Setup(Level.Trial)
  public void writeLogs() throws IOException {
    outputFormat = OutputFormats.builtIn().find(format).orElseThrow();
    folder = Files.createTempDirectory("sf-output-benchmark");
    logs = new Path[READERS];
    for (int i = 0; i < READERS; i++) {
      logs[i] = folder.resolve(format + "-" + i + ".log");
      try (Writer writer = Files.newBufferedWriter(logs[i], StandardCharsets.UTF_8)) {
        List<String> pattern = LogLines.of(format);
        for (int line = 0; line < LINES; line++) {
          writer.write(pattern.get(line % pattern.size()).replace("#", Integer.toString(line)));
          writer.write('\n');
        }
      }
    }
  }

  /** Deletes the logs. */
  @TearDown(Level.Trial)
  public void deleteLogs() throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The log of one reader thread. */
  @State(Scope.Thread)
  public static class Reader {
    Path log;

    /** Picks a log that no other thread reads. */
    @Setup(Level.Trial)
    public void pickLog(OutputThroughputBenchmark benchmark) {
      log = benchmark.logs[benchmark.nextLog.getAndIncrement() % READERS];
    }
  }

  /** Reads and accounts one whole log. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public Object readAndAccount(Reader reader) throws IOException {
    CostLedger ledger = new CostLedger("M001", PRICING, "gpt-5-codex");
    ledger.startSession();
    LogReader logReader = new LogReader(reader.log, 0, outputFormat.newParser());
    logReader.finish(ledger::apply);
    return ledger.snapshot();
  }
}
