package dev.sf.core.git;

import java.util.List;

/** The result of {@link ProjectGit#merge(MergeRequest)}. */
public sealed interface MergeOutcome {

  /**
   * The integration branch moved to a new commit.
   *
   * @param commit the new commit on the integration branch
   * @param branchCommit the milestone branch commit that was merged
   * @param droppedForeignFiles {@code .sf/} files of other milestones that the branch changed and
   *     that were left out of the merge
   */
  record Merged(String commit, String branchCommit, List<String> droppedForeignFiles)
      implements MergeOutcome {}

  /**
   * The branch brings nothing new; the integration branch did not move.
   *
   * @param branchCommit the milestone branch commit
   */
  record NothingToMerge(String branchCommit) implements MergeOutcome {}

  /**
   * The merge conflicts; nothing was touched.
   *
   * @param files the conflicting paths
   */
  record Conflict(List<String> files) implements MergeOutcome {}

  /**
   * The merge was not attempted because of the state of the project root; nothing was touched.
   *
   * @param reason why, and what to do
   * @param files the files in the way
   */
  record Refused(String reason, List<String> files) implements MergeOutcome {}
}
