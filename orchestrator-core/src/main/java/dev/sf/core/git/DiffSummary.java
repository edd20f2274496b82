package dev.sf.core.git;

import java.util.List;

/**
 * What merging a branch would bring into the integration branch.
 *
 * @param files one entry per changed path
 * @param conflicts paths that would conflict
 * @param patch the full unified diff, or null when it was not requested
 */
public record DiffSummary(List<FileStat> files, List<String> conflicts, String patch) {

  /** Returns the number of added lines over all files. */
  public int linesAdded() {
    return files.stream().mapToInt(FileStat::added).sum();
  }

  /** Returns the number of removed lines over all files. */
  public int linesRemoved() {
    return files.stream().mapToInt(FileStat::removed).sum();
  }

  /**
   * One changed path.
   *
   * @param path the path (the new path for a rename)
   * @param change {@code added}, {@code modified}, {@code deleted}, {@code renamed} or {@code copied}
   * @param added lines added; 0 for a binary file
   * @param removed lines removed; 0 for a binary file
   * @param binary true when the file is binary
   */
  public record FileStat(String path, String change, int added, int removed, boolean binary) {}
}
