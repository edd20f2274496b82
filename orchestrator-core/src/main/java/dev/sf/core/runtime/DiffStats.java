package dev.sf.core.runtime;

import dev.sf.core.git.DiffSummary;

/** Formats a {@link DiffSummary} as a diff stat, like {@code git diff --stat}. */
public final class DiffStats {
  private DiffStats() {}

  /** Returns one line per file and a summary line. */
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
    text.append(' ').append(diff.files().size()).append(diff.files().size() == 1 ? " file" : " files")
        .append(" changed, ").append(diff.linesAdded()).append(" insertions(+), ")
        .append(diff.linesRemoved()).append(" deletions(-)");
    return text.toString();
  }
}
