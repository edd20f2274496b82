package dev.sf.core.git;

import java.nio.file.Path;

/**
 * One worktree as {@code git worktree list} reports it.
 *
 * @param path the worktree folder
 * @param branch the short branch name checked out there, or null when detached
 * @param head the commit id checked out
 * @param main true for the main working tree
 * @param prunable true when git reports the folder as gone
 */
public record WorktreeInfo(Path path, String branch, String head, boolean main, boolean prunable) {}
