package dev.sf.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sf.core.git.DiffSummary;
import dev.sf.core.git.DiffSummary.FileStat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffStatsTest {

  private static String summaryLine(FileStat... files) {
    String text = DiffStats.format(new DiffSummary(List.of(files), List.of(), ""));
    return text.substring(text.lastIndexOf('\n') + 1);
  }

  @Test
  void singularCounts() {
    assertEquals(" 1 file changed, 1 insertion(+), 1 deletion(-)",
        summaryLine(new FileStat("a.txt", "modified", 1, 1, false)));
  }

  @Test
  void zeroDeletionsLeftOut() {
    assertEquals(" 2 files changed, 5 insertions(+)",
        summaryLine(new FileStat("a.txt", "added", 3, 0, false),
            new FileStat("b.txt", "added", 2, 0, false)));
  }

  @Test
  void zeroInsertionsLeftOut() {
    assertEquals(" 1 file changed, 4 deletions(-)",
        summaryLine(new FileStat("a.txt", "deleted", 0, 4, false)));
  }

  @Test
  void binaryOnlyShowsZeroCounts() {
    // git 2.39 writes " 1 file changed, 0 insertions(+), 0 deletions(-)" for a binary change.
    assertEquals(" 1 file changed, 0 insertions(+), 0 deletions(-)",
        summaryLine(new FileStat("image.png", "modified", 0, 0, true)));
  }
}
