package dev.sf.core.runtime;

import dev.sf.core.git.DiffSummary;

/** Formats a {@link DiffSummary} as a diff stat, like {@code git diff --stat}. */
public final class DiffStats {
  private DiffStats() {}

  /**
   * Returns one line per file and a summary line in the words of {@code git diff --stat}, which
   * leaves out a zero count of insertions or deletions only when the other count is not zero.
   */
  public static String format(DiffSummary diff) {
    StringBuilder text = new StringBuilder();
    int width = diff.files().stream().mapToInt(f -> f.path().length()).max().orElse(0);
    for (DiffSummary.FileStat file : diff.files()) {
      text.append(' ').append(String.format("%-" + Math.max(1, width) + "s", file.path()))
          .append(" | ");
      if (file.binary()) {
        text.append("binary");
      } else {
        text.append(file.added() + file.removed()).append(' ')
            .append("+".repeat(Math.min(file.added(), 40)))
            .append("-".repeat(Math.min(file.removed(), 40)));
      }
      text.append(" (").append(file.change()).append(")\n");
    }
    text.append(' ').append(count(diff.files().size(), "file")).append(" changed");
    if (diff.linesAdded() > 0 || diff.linesRemoved() == 0) {
      text.append(", ").append(count(diff.linesAdded(), "insertion")).append("(+)");
    }
    if (diff.linesRemoved() > 0 || diff.linesAdded() == 0) {
      text.append(", ").append(count(diff.linesRemoved(), "deletion")).append("(-)");
    }
    return text.toString();
  }

  /** Returns "1 file" or "N files", as git writes the counts of its summary line. */
  private static String count(int number, String noun) {
    return number + " " + noun + (number == 1 ? "" : "s");
  }
}
