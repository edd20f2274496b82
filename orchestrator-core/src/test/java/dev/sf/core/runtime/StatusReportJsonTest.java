package dev.sf.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader of a coordinator's status report, against the data binding it replaces.
 * A report written as the coordinator writes it must read back as binding its JSON tree did,
 * apart from the cost ledgers, which the streaming reader leaves out.
 */
class StatusReportJsonTest {
  private static final ObjectMapper TREE_MAPPER = new ObjectMapper();

  @Test
  void readsFullReportAsDataBindingDoes() throws Exception {
    StatusReport report = fullReport();
    String json = RunStore.json().valueToTree(report).toString();

    StatusReport streamed = StatusReportJson.read(json);
    StatusReport bound = RunStore.json().treeToValue(TREE_MAPPER.readTree(json),
        StatusReport.class);

    assertEquals(withoutLedgers(bound), streamed);
  }

  @Test
  void readsDecimalsAsDoublesLikeTreeDid() throws Exception {
    String json = RunStore.json().valueToTree(fullReport()).toString();

    StatusReport streamed = StatusReportJson.read(json);

    assertEquals("10.0", streamed.run().budgetCeiling().toPlainString());
    assertEquals("1.1", streamed.milestones().get(0).costUsd().toPlainString());
    assertEquals("0", streamed.milestones().get(1).costUsd().toPlainString());
  }

  @Test
  void leavesLedgerOut() throws Exception {
    String json = RunStore.json().valueToTree(fullReport()).toString();

    StatusReport streamed = StatusReportJson.read(json);

    assertNull(streamed.milestones().get(0).ledger());
  }

  @Test
  void ignoresUnknownKeysAndFillsMissingOnes() throws Exception {
    StatusReport streamed = StatusReportJson.read(
        "{\"future\":{\"a\":[1,2]},\"milestones\":[{\"id\":\"M001\",\"extra\":[{}]}]}");

    assertNull(streamed.run());
    assertEquals(new MilestoneRecord("M001", null, null, null, null, null, null, 0, null, null,
        null, null, 0, null, null, null, null, 0, null, null), streamed.milestones().get(0));
    assertEquals(List.of(), streamed.predictedConflicts());
  }

  @Test
  void rejectsWrongTypeWithFieldName() {
    JsonProcessingException e = assertThrows(JsonProcessingException.class,
        () -> StatusReportJson.read("{\"milestones\":[{\"id\":\"M001\",\"pid\":\"x\"}]}"));

    assertEquals("Expected an integer for 'pid', got VALUE_STRING", e.getOriginalMessage());
  }

  @Test
  void rejectsReportWithoutMilestones() {
    assertThrows(JsonProcessingException.class, () -> StatusReportJson.read("{\"live\":true}"));
  }

  @Test
  void rejectsInvalidInstant() {
    assertThrows(JsonProcessingException.class, () -> StatusReportJson.read(
        "{\"milestones\":[{\"id\":\"M001\",\"started_at\":\"yesterday\"}]}"));
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThrows(JsonProcessingException.class, () -> StatusReportJson.read("{\"live\":tru"));
  }

  private static StatusReport fullReport() throws Exception {
    Instant start = Instant.parse("2026-01-02T03:04:05.123456789Z");
    RunRecord run = new RunRecord("r1", "main", start, start.plusSeconds(5),
        new BigDecimal("10.00"), new BigDecimal("1.10"), RunRecord.BUDGET_WARNED, null);
    JsonNode ledger = TREE_MAPPER.readTree("{\"total\":1.1,\"models\":{\"m\":[1,2]}}");
    MilestoneRecord running = new MilestoneRecord("M001", "Title \"quoted\" \u00e9", "running",
        null, 4242L, start, ".sf/parallel/logs/M001.log", 12345L, ledger, new BigDecimal("1.10"),
        List.of("gpt-x"), List.of("S01"), 3, "Working on S02", start, null, null, 2, null,
        List.of());
    MilestoneRecord failed = new MilestoneRecord("M002", "Second", "conflict", "merge conflict",
        null, null, null, 0, null, BigDecimal.ZERO, List.of(), List.of("S01", "S02"), 2, null,
        start, start.plusSeconds(60), 1, 1, "abc123", List.of("a.txt", "dir/b.txt"));
    ConflictPrediction conflict = new ConflictPrediction("M001", "M002", List.of("x.txt"));
    return new StatusReport(run, List.of(running, failed), true, false, List.of(conflict));
  }

  private static StatusReport withoutLedgers(StatusReport report) {
    List<MilestoneRecord> records = report.milestones().stream()
        .map(m -> new MilestoneRecord(m.id(), m.title(), m.state(), m.reason(), m.pid(),
            m.processStart(), m.logFile(), m.logOffset(), null, m.costUsd(), m.unpricedModels(),
            m.slicesDone(), m.slicesTotal(), m.latestActivity(), m.startedAt(), m.endedAt(),
            m.exitCode(), m.attempts(), m.mergedCommit(), m.conflictFiles()))
        .toList();
    return new StatusReport(report.run(), records, report.live(), report.budgetReached(),
        report.predictedConflicts());
  }
}
