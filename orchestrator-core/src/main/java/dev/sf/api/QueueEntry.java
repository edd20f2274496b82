package dev.sf.api;

import java.util.List;

/**
 * Whether one milestone can start, and why.
 *
 * @param id the milestone
 * @param title its title
 * @param state its state in the run, or {@code pending}
 * @param verdict the kind of answer
 * @param reason the reason in words: {@code eligible}, {@code complete}, {@code running}, {@code
 *     blocked by M001, M003}, {@code waiting for M001 to be merged}, ...
 * @param blockers milestones it waits for
 * @param notes warnings that do not block, such as {@code overlaps M002 on src/a.js}
 */
public record QueueEntry(String id, String title, String state, Verdict verdict, String reason,
    List<String> blockers, List<String> notes) {

  /**

   * Creates the record, copying the lists so that it is immutable.

   *

   * @param id the milestone
   * @param title its title
   * @param state its state in the run, or {@code pending}
   * @param verdict the kind of answer
   * @param reason the reason in words: {@code eligible}, {@code complete}, {@code running}, {@code
   *     blocked by M001, M003}, {@code waiting for M001 to be merged}, ...
   * @param blockers milestones it waits for
   * @param notes warnings that do not block, such as {@code overlaps M002 on src/a.js}
   */
  public QueueEntry {
    blockers = List.copyOf(blockers);
    notes = List.copyOf(notes);
  }

  /** The kinds of answer. */
  public enum Verdict {
    /** It can start now. */
    ELIGIBLE,
    /** Its work is done (merged, or complete and waiting to be merged). */
    COMPLETE,
    /** A worker runs for it. */
    RUNNING,
    /** It waits for dependencies, or is held until the user acts (a conflict). */
    BLOCKED
  }
}
