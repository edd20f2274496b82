package dev.sf.api;

import java.util.List;

/**
 * The eligibility of every milestone, in dependency order, and the planned file overlaps.
 *
 * @param entries one entry per milestone, in dependency order
 * @param overlaps pairs of milestones that plan to touch, or touched, the same files
 */
public record QueueReport(List<QueueEntry> entries, List<Overlap> overlaps) {

  /**

   * Creates the record, copying the lists so that it is immutable.

   *

   * @param entries one entry per milestone, in dependency order
   * @param overlaps pairs of milestones that plan to touch, or touched, the same files
   */
  public QueueReport {
    entries = List.copyOf(entries);
    overlaps = List.copyOf(overlaps);
  }

  /**
   * Returns the entries that can start now.
   *
   * @return the eligible entries
   */
  public List<QueueEntry> eligible() {
    return entries.stream().filter(e -> e.verdict() == QueueEntry.Verdict.ELIGIBLE).toList();
  }

  /**
   * Two milestones that touch the same files. A warning: it never blocks.
   *
   * @param first one milestone
   * @param second the other
   * @param files the shared files or globs
   */
  public record Overlap(String first, String second, List<String> files) {
    /**
     * Creates the record, copying the list so that it is immutable.
     *
     * @param first one milestone
     * @param second the other
     * @param files the shared files or globs
     */
    public Overlap {
      files = List.copyOf(files);
    }
  }
}
