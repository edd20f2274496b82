package dev.sf.core.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The git operations sf needs, over one repository and its linked worktrees. JGit does the work
 * except where it cannot (adding, listing and removing worktrees), where the git command runs.
 */
public final class ProjectGit implements AutoCloseable {

  private ProjectGit() {}

  /**
   * Opens the repository that contains {@code directory}.
   *
   * @throws dev.sf.errors.NotAProjectException when the folder is not in a git repository
   */
  public static ProjectGit open(Path directory) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns the root of the main working tree. */
  public Path root() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns the short name of the branch checked out in the main working tree. */
  public String currentBranch() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns the commit id a branch points to, or empty when the branch does not exist. */
  public Optional<String> branchHead(String branch) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Creates (or reuses) the linked worktree at {@code path} on {@code branch}. A new branch starts
   * at {@code startPoint}. An existing worktree of that branch at that path is reused as it is,
   * uncommitted work included.
   *
   * @throws dev.sf.errors.GitException when the folder exists but is not that worktree, or the
   *     branch is checked out elsewhere
   */
  public void addWorktree(Path path, String branch, String startPoint) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Lists the worktrees git knows, the main one first. */
  public List<WorktreeInfo> listWorktrees() {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Removes a linked worktree. Without {@code force} a worktree with uncommitted changes or
   * untracked files is kept and an exception says so.
   */
  public void removeWorktree(Path path, boolean force) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns the paths with uncommitted changes (tracked or untracked, not ignored) in a working tree. */
  public Set<String> uncommittedPaths(Path workingTree) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Deletes a branch. Refuses a branch checked out in any worktree, and, without {@code force},
   * a branch with commits that are not in {@code into}.
   */
  public void deleteBranch(String branch, String into, boolean force) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns true when every commit of {@code branch} is reachable from {@code into}. */
  public boolean isMerged(String branch, String into) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Reads a file as it is at a commit or branch, or empty when it does not exist there. */
  public Optional<String> readFile(String revision, String path) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns the files tracked at a revision. */
  public List<String> trackedFiles(String revision) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns the files {@code branch} changed since its merge base with {@code into}. */
  public Set<String> changedSinceMergeBase(String branch, String into) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Commits the given paths of a working tree, and only them, on its current branch.
   *
   * @return the new commit id, or empty when nothing changed
   */
  public Optional<String> commitPaths(Path workingTree, List<String> paths, String message) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Merges {@code request.branch()} into {@code request.into()}, computed in memory first. On any
   * conflict or refusal nothing is touched.
   */
  public MergeOutcome merge(MergeRequest request) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Computes what merging {@code branch} into {@code into} would bring, touching nothing. */
  public DiffSummary diff(String branch, String into, boolean withPatch) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns the files on which two branches would conflict, computed in memory. */
  public List<String> predictConflicts(String branchA, String branchB) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void close() {}
}
