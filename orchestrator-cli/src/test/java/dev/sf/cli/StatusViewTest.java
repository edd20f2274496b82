package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.api.MilestoneStatus;
import dev.sf.api.StatusSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of {@code sf parallel status} for predicted conflicts. */
class StatusViewTest {

  @Test
  void predictedConflictIsWarningLine() {
    MilestoneStatus row = new MilestoneStatus("M002", "Search", "running", null, 0, 2,
        BigDecimal.ONE, List.of(), Instant.now(), null, 42L, "editing", null, List.of(), 1);
    StatusSnapshot status = new StatusSnapshot("run-1", "main", true, List.of(row),
        BigDecimal.ONE, null, "ok", List.of(new StatusSnapshot.PredictedConflict("M002", "M004",
            List.of("src/app.js"))), Instant.now());

    List<String> lines = StatusView.render(status);

    assertTrue(lines.contains("warning: M002 will conflict with M004 on src/app.js"),
        String.join("\n", lines));
  }

  @Test
  void predictedConflictIsInJson() {
    StatusSnapshot status = new StatusSnapshot("run-1", "main", true, List.of(), BigDecimal.ZERO,
        null, "ok", List.of(new StatusSnapshot.PredictedConflict("M002", "M004",
            List.of("src/app.js"))), Instant.now());

    String json = CliJson.document("status", status);

    assertTrue(json.replaceAll("\\s+", "").contains("\"predicted_conflicts\":[{\"first\":\"M002\","
        + "\"second\":\"M004\",\"files\":[\"src/app.js\"]}]"), json);
  }
}
