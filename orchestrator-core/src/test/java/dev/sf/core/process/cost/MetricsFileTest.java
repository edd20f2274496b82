package dev.sf.core.process.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sf.core.process.TestResources;
import dev.sf.spi.WorkerOutputEvent.CostTotal;
import dev.sf.spi.WorkerOutputEvent.SliceChanged;
import dev.sf.spi.WorkerOutputEvent.TokenUsage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {

  @TempDir Path worktree;

  private static Metrics sample() {
    CostLedger ledger = new CostLedger("M001", TestResources.PRICING, null);
    ledger.apply(new TokenUsage("mystery-1", 10, 0, 1, false));
    ledger.apply(new TokenUsage("gpt-5-codex", 1_000_000, 0, 0, false));
    ledger.apply(new SliceChanged("S01", "done"));
    return Metrics.of("M001", ledger.snapshot(), Instant.parse("2026-01-10T10:00:00Z"), null,
        null, Instant.parse("2026-01-10T10:05:00Z"));
  }

  @Test
  void writesSchemaFieldsWithSnakeCase() throws IOException {
    MetricsFile.write(worktree, sample());

    JsonNode json = new ObjectMapper().readTree(worktree.resolve(".sf/metrics.json").toFile());
    assertEquals(1, json.get("schema_version").asInt());
    assertEquals("M001", json.get("milestone").asText());
    assertEquals("1.25", json.get("cost_usd").asText());
    assertEquals(1_000_000, json.at("/tokens/gpt-5-codex/input").asLong());
    assertEquals(1, json.at("/tokens_total/output").asLong());
    assertEquals("mystery-1", json.at("/unpriced_models/0").asText());
    assertEquals("2026-01-10T10:00:00Z", json.get("started_at").asText());
    assertTrue(json.get("ended_at").isNull());
    assertTrue(json.get("exit_code").isNull());
    assertEquals("done", json.at("/slices/S01").asText());
  }

  @Test
  void readReturnsWhatWasWritten() throws IOException {
    Metrics written = sample();
    MetricsFile.write(worktree, written);

    Metrics read = MetricsFile.read(worktree).orElseThrow();

    assertEquals(written, read);
  }

  @Test
  void rewriteReplacesAndLeavesNoTemporaryFiles() throws IOException {
    MetricsFile.write(worktree, sample());
    Metrics ended = new Metrics(1, "M001", new BigDecimal("2.5"), null, null, List.of(),
        List.of(), null, Instant.parse("2026-01-10T11:00:00Z"), null, true, 0,
        Instant.parse("2026-01-10T11:00:01Z"));

    MetricsFile.write(worktree, ended);

    assertEquals(0, MetricsFile.read(worktree).orElseThrow().exitCode());
    try (var files = Files.list(worktree.resolve(".sf"))) {
      assertEquals(List.of("metrics.json"),
          files.map(file -> file.getFileName().toString()).toList());
    }
  }

  @Test
  void missingFileReadsAsEmpty() throws IOException {
    assertTrue(MetricsFile.read(worktree).isEmpty());
  }

  @Test
  void invalidFileNamesPathInError() throws IOException {
    Files.createDirectories(worktree.resolve(".sf"));
    Files.writeString(worktree.resolve(".sf/metrics.json"), "{\"cost_usd\": ");

    IOException error = assertThrows(IOException.class, () -> MetricsFile.read(worktree));

    assertTrue(error.getMessage().contains("metrics.json"), error.getMessage());
  }

  @Test
  void ignoresUnknownFieldsFromNewerWriters() throws IOException {
    Files.createDirectories(worktree.resolve(".sf"));
    Files.writeString(worktree.resolve(".sf/metrics.json"),
        "{\"schema_version\":1,\"milestone\":\"M001\",\"cost_usd\":0.5,\"future\":true}");

    Metrics read = MetricsFile.read(worktree).orElseThrow();

    assertEquals(new BigDecimal("0.5"), read.costUsd());
  }

  @Test
  void costTotalFromLedgerIsWrittenExactly() throws IOException {
    CostLedger ledger = new CostLedger("M001", TestResources.PRICING, null);
    ledger.apply(new CostTotal(new BigDecimal("0.0000001")));
    MetricsFile.write(worktree, Metrics.of("M001", ledger.snapshot(), null, null, null,
        Instant.EPOCH));

    String text = Files.readString(worktree.resolve(".sf/metrics.json"));

    assertTrue(text.contains("\"cost_usd\" : 0.0000001"), text);
  }
}
