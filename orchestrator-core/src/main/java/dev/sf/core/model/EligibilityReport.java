package dev.sf.core.model;

import java.util.List;
import java.util.Optional;

/**
 * The result of {@link EligibilityAnalyzer#analyze}: a verdict for every milestone, in dependency
 * order, and the file overlaps between milestones that are not complete yet.
 *
 * @param verdicts one verdict per milestone, in dependency order
 * @param overlaps pairs of milestones that plan or change the same files, sorted by the two ids.
 *     The analyzer never turns an overlap into a blocker
 */
public record EligibilityReport(List<Verdict> verdicts, List<Overlap> overlaps) {

  public EligibilityReport {
    verdicts = List.copyOf(verdicts);
    overlaps = List.copyOf(overlaps);
  }

  /** Returns the ids of the eligible milestones, in dependency order. */
  public List<String> eligibleIds() {
    return verdicts.stream().filter(v -> v.kind() == Kind.ELIGIBLE).map(Verdict::id).toList();
  }

  /** Returns the verdict of one milestone. */
  public Optional<Verdict> verdict(String id) {
    return verdicts.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /** The state of a milestone for scheduling purposes. */
  public enum Kind {
    /** It can start now. */
    ELIGIBLE,
    /** A dependency is not complete, or complete but not merged yet. */
    BLOCKED,
    /** Its worker is starting, running, paused or stopping. */
    RUNNING,
    /** Its worker completed; the work waits to be merged. */
    AWAITING_MERGE,
    /** Its merge hit a conflict that the user has to resolve; it never starts again by itself. */
    HELD,
    /** It is complete and merged into the integration branch. */
    COMPLETE
  }

  /**
   * The verdict on one milestone.
   *
   * @param id the milestone id
   * @param kind what can happen to it now
   * @param blockers the dependencies that are not complete and merged yet; empty unless {@code
   *     kind} is {@link Kind#BLOCKED}
   * @param reason one line for people: {@code eligible}, {@code complete}, {@code running}, {@code
   *     blocked by M001, M003}, {@code waiting for M001 to be merged}, {@code complete, waiting to
   *     be merged}, or the conflict hint
   * @param notes extra lines such as {@code overlaps M002 on src/a.js} or the state of an earlier
   *     attempt
   */
  public record Verdict(
      String id, Kind kind, List<String> blockers, String reason, List<String> notes) {

    public Verdict {
      blockers = List.copyOf(blockers);
      notes = List.copyOf(notes);
    }
  }

  /**
   * Two milestones that plan or change the same files.
   *
   * @param first the smaller id
   * @param second the larger id
   * @param files the shared paths, sorted; a planned glob that matches no file yet appears as the
   *     glob itself
   */
  public record Overlap(String first, String second, List<String> files) {

    public Overlap {
      files = List.copyOf(files);
    }
  }
}
