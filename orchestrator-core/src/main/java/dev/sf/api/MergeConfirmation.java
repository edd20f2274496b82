package dev.sf.api;

import java.util.Optional;

/**
 * Decides whether a completed milestone merges, when {@code auto_merge} is {@code confirm}. It is
 * called on a background thread and may wait for the user.
 */
@FunctionalInterface
public interface MergeConfirmation {

  /**
   * Asks about one merge.
   *
   * @param prompt what the merge would bring
   * @return true to merge, false to decline, empty when nobody can answer; the milestone then
   *     waits as {@code awaiting-merge}
   */
  Optional<Boolean> confirm(MergePrompt prompt);
}
