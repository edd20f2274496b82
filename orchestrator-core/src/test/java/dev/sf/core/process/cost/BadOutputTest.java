package dev.sf.core.process.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.process.TestResources;
import dev.sf.core.process.output.LogReader;
import dev.sf.core.process.output.OutputFormats;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad worker output, one kind per test, read through a real log file: the good lines still
 * count, the bad ones change nothing and are warned about once per kind, however often they
 * repeat.
 */
class BadOutputTest {

  private static final String GOOD = "{\"sf\":\"cost\",\"total_usd\":1.50}\n";

  @TempDir Path folder;

  private CostSnapshot read(String before, String bad, int repeats) throws IOException {
    return read(before.getBytes(StandardCharsets.UTF_8), bad.getBytes(StandardCharsets.UTF_8),
        repeats);
  }

  private CostSnapshot read(byte[] before, byte[] bad, int repeats) throws IOException {
    Path log = folder.resolve("worker.log");
    Files.write(log, before);
    for (int i = 0; i < repeats; i++) {
      Files.write(log, bad, StandardOpenOption.APPEND);
    }
    CostLedger ledger = new CostLedger("M001", TestResources.PRICING, null);
    ledger.startSession();
    LogReader reader = new LogReader(
        log, 0, OutputFormats.builtIn().find("sf-events").orElseThrow().newParser());
    reader.finish(ledger::apply);
    assertEquals(Files.size(log), reader.offset());
    return ledger.snapshot();
  }

  private static void assertUsd(String expected, CostSnapshot snapshot) {
    assertEquals(0, new BigDecimal(expected).compareTo(snapshot.totalUsd()),
        "total was " + snapshot.totalUsd().toPlainString());
  }

  @Test
  void linesNotInFormatAreIgnoredSilently() throws IOException {
    CostSnapshot snapshot = read(GOOD, "npm WARN deprecated\n{\"level\":\"info\"}\n[1, 2]\n", 3);

    assertUsd("1.50", snapshot);
    assertTrue(snapshot.warningCounts().isEmpty(), snapshot.warningCounts().toString());
  }

  @Test
  void tenMegabyteLineIsSkippedWithOneWarning() throws IOException {
    byte[] huge = new byte[10 * 1024 * 1024 + 1];
    Arrays.fill(huge, (byte) 'x');
    huge[huge.length - 1] = '\n';

    CostSnapshot snapshot = read(GOOD.getBytes(StandardCharsets.UTF_8), huge, 2);

    assertUsd("1.50", snapshot);
    assertEquals(Map.of("line-too-long", 2L), snapshot.warningCounts());
  }

  @Test
  void invalidUtf8IsReplacedNotFatal() throws IOException {
    byte[] bad = "{\"sf\":\"progress\",\"message\":\"caf\u00e9 \"}\n"
        .getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 4] = (byte) 0xFF;
    byte[] after = "{\"sf\":\"cost\",\"total_usd\":2}\n".getBytes(StandardCharsets.UTF_8);
    byte[] both = Arrays.copyOf(bad, bad.length + after.length);
    System.arraycopy(after, 0, both, bad.length, after.length);

    CostSnapshot snapshot = read(GOOD.getBytes(StandardCharsets.UTF_8), both, 1);

    assertUsd("2", snapshot);
    assertTrue(snapshot.warningCounts().isEmpty(), snapshot.warningCounts().toString());
  }

  @Test
  void partialLastLineCountsAfterFinish() throws IOException {
    CostSnapshot snapshot = read(GOOD, "{\"sf\":\"cost\",\"total_usd\":1.75}", 1);

    assertUsd("1.75", snapshot);
  }

  @Test
  void negativeCostIsRejectedOnce() throws IOException {
    CostSnapshot snapshot = read(GOOD, "{\"sf\":\"cost\",\"delta_usd\":-3}\n", 4);

    assertUsd("1.50", snapshot);
    assertEquals(Map.of("negative-cost", 4L), snapshot.warningCounts());
  }

  @Test
  void nanCostIsRejectedOnce() throws IOException {
    CostSnapshot snapshot = read(GOOD,
        "{\"sf\":\"cost\",\"total_usd\":NaN}\n{\"sf\":\"cost\",\"total_usd\":\"NaN\"}\n", 2);

    assertUsd("1.50", snapshot);
    assertEquals(Map.of("invalid-cost", 4L), snapshot.warningCounts());
  }

  @Test
  void stringCostIsRejectedOnce() throws IOException {
    CostSnapshot snapshot = read(GOOD, "{\"sf\":\"cost\",\"total_usd\":\"a lot\"}\n", 3);

    assertUsd("1.50", snapshot);
    assertEquals(Map.of("invalid-cost", 3L), snapshot.warningCounts());
  }

  @Test
  void hugeCostIsRejectedOnce() throws IOException {
    CostSnapshot snapshot = read(GOOD,
        "{\"sf\":\"cost\",\"total_usd\":5e6}\n{\"sf\":\"cost\",\"total_usd\":Infinity}\n", 2);

    assertUsd("1.50", snapshot);
    assertEquals(Map.of("cost-too-large", 2L, "invalid-cost", 2L), snapshot.warningCounts());
  }
}
