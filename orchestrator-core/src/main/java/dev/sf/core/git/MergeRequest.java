package dev.sf.core.git;

import dev.sf.core.model.MergeStyle;
import java.util.Optional;

/**
 * A request to merge a milestone branch into the integration branch.
 *
 * @param milestoneId the milestone, whose own {@code .sf/milestones/<id>/} files resolve to the
 *     branch's version on conflict
 * @param branch the milestone branch, such as {@code milestone/M001}
 * @param into the integration branch
 * @param style squash or merge commit
 * @param message the commit message
 * @param previousMerged the branch commit merged last time, for repeated squash merges of one
 *     branch (per-slice merging); it is used as the merge base so a branch never conflicts with
 *     itself. Empty for the first merge.
 */
public record MergeRequest(
    String milestoneId,
    String branch,
    String into,
    MergeStyle style,
    String message,
    Optional<String> previousMerged) {}
