package dev.sf.core.process.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sf.core.process.TestResources;
import dev.sf.core.process.output.LogReader;
import dev.sf.core.process.output.OutputFormats;
import dev.sf.spi.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: reading every session's log again from offset 0 with a fresh ledger gives exactly
 * the totals recorded while the logs were read incrementally, in random chunk sizes, with
 * coordinator restarts in between.
 */
class LedgerReplayTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final OutputFormat FORMAT =
      OutputFormats.builtIn().find("sf-events").orElseThrow();

  @TempDir Path folder;

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long seed = 1; seed <= 40; seed++) {
      seeds.add(seed * 7919);
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void replayFromStartMatchesIncrementalTotals(long seed) throws IOException {
    Random random = new Random(seed);
    int sessions = 1 + random.nextInt(3);
    List<Path> logs = new ArrayList<>();
    CostLedger live = new CostLedger("M001", TestResources.PRICING, null);

    for (int session = 0; session < sessions; session++) {
      Path log = folder.resolve("session-" + session + ".log");
      logs.add(log);
      byte[] content = randomLog(random).getBytes(StandardCharsets.UTF_8);
      live.startSession();
      live = readIncrementally(live, log, content, random);
    }

    CostLedger replayed = new CostLedger("M001", TestResources.PRICING, null);
    for (Path log : logs) {
      replayed.startSession();
      new LogReader(log, 0, FORMAT.newParser()).finish(replayed::apply);
    }

    assertEquals(replayed.snapshot(), live.snapshot(), "seed " + seed);
  }

  /** Appends the content in random chunks, reading after each, and restarts the reader. */
  private static CostLedger readIncrementally(
      CostLedger ledger, Path log, byte[] content, Random random) throws IOException {
    LogReader reader = new LogReader(log, 0, FORMAT.newParser());
    int written = 0;
    try (OutputStream out = Files.newOutputStream(log)) {
      while (written < content.length) {
        int chunk = Math.min(content.length - written, 1 + random.nextInt(97));
        out.write(content, written, chunk);
        out.flush();
        written += chunk;
        reader.readAvailable(ledger::apply);
        if (random.nextInt(10) == 0) {
          // A coordinator restart: persist, restore, and continue from the saved offset.
          String json = MAPPER.writeValueAsString(ledger.state());
          ledger = CostLedger.restore("M001", TestResources.PRICING, null,
              MAPPER.readValue(json, LedgerState.class));
          reader = new LogReader(log, reader.offset(), FORMAT.newParser());
        }
      }
    }
    reader.finish(ledger::apply);
    return ledger;
  }

  private static String randomLog(Random random) {
    StringBuilder log = new StringBuilder();
    double total = 0;
    int lines = 5 + random.nextInt(60);
    for (int i = 0; i < lines; i++) {
      switch (random.nextInt(12)) {
        case 0 -> log.append("compiling m\u00f3dulo ").append(i).append('\n');
        case 1, 2 -> {
          total += random.nextInt(50) / 100.0;
          log.append(String.format(Locale.ROOT, "{\"sf\":\"cost\",\"total_usd\":%.2f}\n", total));
        }
        case 3 -> log.append(String.format(Locale.ROOT, "{\"sf\":\"cost\",\"total_usd\":%.2f}\n",
            Math.max(0, total - 0.5)));
        case 4 -> log.append(String.format(
            Locale.ROOT, "{\"sf\":\"cost\",\"delta_usd\":0.%02d}\r\n",
            random.nextInt(100)));
        case 5 -> log.append("{\"sf\":\"cost\",\"delta_usd\":-0.5}\n");
        case 6 -> log.append("{\"sf\":\"cost\",\"delta_usd\":0,\"model\":\"gpt-5-codex\","
            + "\"input_tokens\":" + random.nextInt(5000) + ",\"output_tokens\":"
            + random.nextInt(900) + "}\n");
        case 7 -> log.append("{\"sf\":\"slice\",\"id\":\"S0").append(random.nextInt(4))
            .append("\",\"state\":\"").append(random.nextBoolean() ? "started" : "done")
            .append("\"}\n");
        case 8 -> log.append("{\"sf\":\"cost\",\"total_usd\":\"NaN\"}\n");
        case 9 -> log.append("{\"sf\":\"progress\",\"message\":\"step ").append(i).append("\"}\n");
        case 10 -> log.append("{\"sf\":\"complete\"}\n");
        default -> log.append("{\"sf\":\"cost\",\"total_usd\":").append("1e9}\n");
      }
    }
    if (random.nextBoolean()) {
      log.append("{\"sf\":\"cost\",\"delta_usd\":0.01}");
    }
    return log.toString();
  }
}
