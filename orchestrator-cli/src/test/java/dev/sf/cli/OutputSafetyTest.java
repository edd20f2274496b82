package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.api.MilestoneStatus;
import dev.sf.api.RunEvent;
import dev.sf.api.StatusSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text from workers reaches the terminal without control characters, and amounts read alike. */
class OutputSafetyTest {
  private static final String HOSTILE = "\u001b[31mALERT\u001b[0m\r\n\u0007";

  @Test
  void cleanRemovesEscapeSequencesAndControls() {
    assertEquals("ALERT  ", Format.clean(HOSTILE));
    assertEquals("title", Format.clean("\u001b]0;title\u0007title"));
    assertEquals("ab", Format.clean("a\u009b2Jb"));
    assertEquals("ab", Format.clean("a\u007f\u0085b"));
    assertEquals("a b", Format.clean("a\tb"));
    assertEquals("é ü ✓", Format.clean("é ü ✓"));
  }

  @Test
  void progressEventHasNoControlCharacters() {
    String line = EventText.describe(new RunEvent.ProgressReported("M001", HOSTILE));

    assertEquals("M001: ALERT", line.strip());
    assertNoControls(line);
  }

  @Test
  void statusTableHasNoControlCharacters() {
    MilestoneStatus row = new MilestoneStatus("M001", "Title\u001b[2J", "running", null, 0, 1,
        BigDecimal.ONE, List.of("model\u0007"), Instant.now(), null, 42L, HOSTILE, null,
        List.of(), 1);
    StatusSnapshot status = new StatusSnapshot("run-1", "main", true, List.of(row),
        BigDecimal.ONE, null, "ok", List.of(), Instant.now());

    List<String> lines = StatusView.render(status);

    lines.forEach(OutputSafetyTest::assertNoControls);
    assertTrue(lines.get(1).contains("ALERT"), lines.get(1));
    assertTrue(lines.get(1).contains("Title "), lines.get(1));
  }

  @Test
  void totalLineShowsUnknownPrice() {
    MilestoneStatus row = new MilestoneStatus("M001", "Title", "running", null, 0, 1,
        BigDecimal.ONE, List.of("mystery-model"), Instant.now(), null, 42L, null, null,
        List.of(), 1);
    StatusSnapshot status = new StatusSnapshot("run-1", "main", true, List.of(row),
        BigDecimal.ONE, new BigDecimal("5"), "ok", List.of(), Instant.now());

    assertEquals("Total $1.00 + price unknown of $5.00 ceiling", StatusView.budgetLine(status));
  }

  @Test
  void amountsUseDollarStyleAndShortNumbers() {
    assertEquals("budget ceiling $0.50 reached at $0.60",
        Format.amounts("budget ceiling 0.50 USD reached at 0.6 USD"));
    assertEquals("$1.0E+300", Format.usd(new BigDecimal("1E300")));
    assertEquals("ignored the cost $1.0E+300", Format.amounts("ignored the cost '"
        + new BigDecimal("1E300").toPlainString() + "' USD"));
    assertEquals("count 1.2E+20", Format.amounts("count 123456789012345678901"));
  }

  @Test
  void stoppedReasonUsesDollars() {
    String line = EventText.describe(new RunEvent.WorkerExited("M001", "stopped", null,
        "budget ceiling 0.50 USD reached at 0.60 USD"));

    assertTrue(line.endsWith("budget ceiling $0.50 reached at $0.60"), line);
  }

  private static void assertNoControls(String line) {
    for (char c : line.toCharArray()) {
      assertFalse(c < 0x20 || c >= 0x7f && c <= 0x9f,
          "control character " + (int) c + " in '" + line + "'");
    }
  }
}
