package dev.sf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.errors.ConfigException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MilestoneStatusTest {

  private static final Path FILE = Path.of(".sf/milestones/M001/status.yaml");

  @Test
  void roundTripsThroughYaml() {
    MilestoneStatus status =
        new MilestoneStatus("completed", List.of("S01", "S02"),
            Instant.parse("2026-03-01T10:15:30Z"), new BigDecimal("4.125"));

    MilestoneStatus parsed = MilestoneStatus.parse(status.toYaml(), FILE);

    assertEquals(status, parsed);
    assertTrue(parsed.isCompleted());
  }

  @Test
  void keepsCostAsWrittenDecimal() {
    MilestoneStatus status = new MilestoneStatus("completed", List.of(), null,
        new BigDecimal("0.10"));

    assertTrue(status.toYaml().contains("cost_usd: \"0.10\""), status.toYaml());
  }

  @Test
  void parsesCrlfBomAndNumericCost() {
    MilestoneStatus status =
        MilestoneStatus.parse("\uFEFFstate: completed\r\ncost_usd: 1.5\r\nfuture_key: 1\r\n",
            FILE);

    assertEquals(new BigDecimal("1.5"), status.costUsd());
    assertEquals(List.of(), status.slicesFinished());
  }

  @Test
  void rejectsBadInstantWithLine() {
    ConfigException error =
        assertThrows(ConfigException.class,
            () -> MilestoneStatus.parse("state: completed\ncompleted_at: yesterday\n", FILE));

    assertEquals(2, error.problems().get(0).line());
    assertEquals("completed_at", error.problems().get(0).key());
  }

  @Test
  void rejectsMissingState() {
    ConfigException error =
        assertThrows(ConfigException.class,
            () -> MilestoneStatus.parse("slices_finished: [S01]\n", FILE));

    assertTrue(error.getMessage().contains("no \"state\""), error.getMessage());
  }

  @Test
  void rejectsNegativeCostAndEmptyFile() {
    ConfigException negative =
        assertThrows(ConfigException.class,
            () -> MilestoneStatus.parse("state: completed\ncost_usd: -2\n", FILE));
    ConfigException empty =
        assertThrows(ConfigException.class, () -> MilestoneStatus.parse("", FILE));

    assertEquals(2, negative.problems().get(0).line());
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
  }
}
