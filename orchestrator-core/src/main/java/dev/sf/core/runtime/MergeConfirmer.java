package dev.sf.core.runtime;

import java.util.Optional;

/**
 * Asks whether a completed milestone may merge, when {@code auto_merge} is {@code confirm}. It
 * runs on a blocking thread and may wait for the user.
 */
@FunctionalInterface
public interface MergeConfirmer {

  /**
   * Asks about one merge.
   *
   * @param preview what the merge would bring, the milestone's cost and predicted conflicts
   * @return true to merge, false to decline, empty when nobody can answer; the milestone then
   *     waits as {@code awaiting-merge}
   */
  Optional<Boolean> confirm(MergePreview preview);

  /** A confirmer for runs nobody watches: every milestone waits as {@code awaiting-merge}. */
  MergeConfirmer NOBODY = preview -> Optional.empty();
}
