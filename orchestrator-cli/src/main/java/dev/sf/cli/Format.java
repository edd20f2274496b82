package dev.sf.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Formats costs, durations and plain-text tables for terminal output. */
final class Format {
  /**
   * ESC followed by a CSI sequence, an OSC/DCS/APC/PM/SOS string ended by BEL or ESC backslash (or
   * by the end of the text), or any single character. The 8-bit CSI (U+009B) is matched too.
   */
  private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
      "(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]?"
          + "|\\u001b[\\]PX^_][^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?"
          + "|\\u001b.?",
      Pattern.DOTALL);

  private static final Pattern USD_AMOUNT =
      Pattern.compile("'?(-?\\d+(?:\\.\\d+)?(?:E[+-]?\\d+)?)'? USD\\b");

  private static final Pattern LONG_NUMBER = Pattern.compile("\\d{16,}(?:\\.\\d+)?");

  private static final BigDecimal HUGE_USD = new BigDecimal("1E12");

  private Format() {}

  /**
   * Formats an amount in US dollars as {@code $0.50}; amounts of a trillion dollars or more use
   * scientific notation ({@code $1.0E+300}) so that they fit on a line.
   */
  static String usd(BigDecimal amount) {
    if (amount == null) {
      return "-";
    }
    if (amount.abs().compareTo(HUGE_USD) >= 0) {
      return "$" + String.format(Locale.ROOT, "%.1E", amount);
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

  /**
   * Returns {@code text} on one line, without control characters, with amounts in the {@code
   * $0.50} style (see {@link #amounts}), cut to {@code width}.
   */
  static String truncate(String text, int width) {
    String line = amounts(clean(text));
    return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
  }

  /**
   * Makes text from a worker safe to print on one line: removes escape sequences (CSI such as
   * {@code ESC [31m}, OSC up to BEL or ESC backslash, and two-character ones), turns tabs and
   * line breaks into spaces and drops every other C0 control character, DEL and the C1 controls.
   *
   * @param text the text, or null
   * @return the cleaned text; empty for null
   */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    String withoutSequences = ESCAPE_SEQUENCE.matcher(text).replaceAll("");
    StringBuilder line = new StringBuilder(withoutSequences.length());
    for (int i = 0; i < withoutSequences.length(); i++) {
      char c = withoutSequences.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        line.append(' ');
      } else if (!isControl(c)) {
        line.append(c);
      }
    }
    return line.toString();
  }

  /**
   * Rewrites amounts in text from the library for the user: {@code 0.5 USD} becomes {@code $0.50},
   * and a number of more than 15 digits, such as a cost a worker reported by mistake, is shortened
   * to scientific notation ({@code 1.0E+300}).
   *
   * @param text the text, not null
   * @return the rewritten text
   */
  static String amounts(String text) {
    String dollars = USD_AMOUNT.matcher(text)
        .replaceAll(match -> Matcher.quoteReplacement(usd(new BigDecimal(match.group(1)))));
    return LONG_NUMBER.matcher(dollars).replaceAll(match -> String.format(Locale.ROOT, "%.1E",
        new BigDecimal(match.group())));
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c >= 0x7f && c <= 0x9f;
  }

  /** Lays out rows in columns, each cell cleaned by {@link #clean}. The first row is the header. */
  static List<String> table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], clean(row[i]).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = clean(row[i]);
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
