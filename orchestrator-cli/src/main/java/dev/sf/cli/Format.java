package dev.sf.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Formats costs, durations and plain-text tables for terminal output. */
final class Format {
  private Format() {}

  static String usd(BigDecimal amount) {
    if (amount == null) {
      return "-";
    }
    return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static String elapsed(Instant start, Instant end) {
    if (start == null) {
      return "-";
    }
    Duration duration = Duration.between(start, end == null ? Instant.now() : end);
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + String.format("%02d", seconds % 3600 / 60) + "m";
  }

  static String truncate(String text, int width) {
    if (text == null) {
      return "";
    }
    String line = text.replace('\n', ' ').replace('\r', ' ');
    return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
  }

  /** Lays out rows in columns; the first row is the header. */
  static List<String> table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = row[i] == null ? "" : row[i];
        line.append(cell);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
