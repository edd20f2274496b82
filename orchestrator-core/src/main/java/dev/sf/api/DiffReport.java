package dev.sf.api;

import java.util.List;

/**
 * What merging a milestone would bring into the integration branch, computed without touching
 * anything.
 *
 * @param milestoneId the milestone
 * @param files one entry per changed file
 * @param linesAdded lines added over all files
 * @param linesRemoved lines removed over all files
 * @param conflicts files that would conflict
 * @param diffStat the diff stat as text
 * @param patch the unified diff, or null when it was not requested
 */
public record DiffReport(String milestoneId, List<FileChange> files, int linesAdded,
    int linesRemoved, List<String> conflicts, String diffStat, String patch) {

  /**

   * Creates the record, copying the lists so that it is immutable.

   *

   * @param milestoneId the milestone
   * @param files one entry per changed file
   * @param linesAdded lines added over all files
   * @param linesRemoved lines removed over all files
   * @param conflicts files that would conflict
   * @param diffStat the diff stat as text
   * @param patch the unified diff, or null when it was not requested
   */
  public DiffReport {
    files = List.copyOf(files);
    conflicts = List.copyOf(conflicts);
  }

  /**
   * One changed file.
   *
   * @param path the path
   * @param change {@code added}, {@code modified}, {@code deleted}, {@code renamed} or {@code
   *     copied}
   * @param added lines added
   * @param removed lines removed
   * @param binary true for a binary file
   */
  public record FileChange(String path, String change, int added, int removed, boolean binary) {}
}
