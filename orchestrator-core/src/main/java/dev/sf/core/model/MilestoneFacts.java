package dev.sf.core.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the eligibility analysis needs to know about the repository and the run, kept behind an
 * interface so that the analysis stays pure and testable.
 */
public interface MilestoneFacts {

  /**
   * Returns true when the integration branch records the milestone as complete, which means its
   * work has been merged there ({@code .sf/milestones/<id>/status.yaml} says {@code completed}).
   */
  boolean isMergedComplete(String id);

  /**
   * Returns the milestone's state in the current run ({@code running}, {@code paused}, {@code
   * completed}, {@code awaiting-merge}, {@code conflict}, {@code failed}, {@code stopped}, {@code
   * budget-stopped}, {@code merged}, ...), or empty when the run has no record of it.
   */
  Optional<String> runState(String id);

  /**
   * Returns the files changed on the milestone's branch since its merge base with the
   * integration branch, or an empty set when it has no branch.
   */
  Set<String> changedFiles(String id);

  /** Returns the files tracked on the integration branch, used to expand planned globs. */
  List<String> repositoryFiles();
}
