package dev.sf.core.doctor;

import dev.sf.core.git.ProjectGit;
import dev.sf.core.model.MilestoneStatus;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.MilestoneState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The work a milestone branch has that the integration branch lacks, which deleting the branch
 * would lose. Every path the branch changed counts, {@code .sf/} paths included, except the
 * milestone's own {@code status.yaml}, which sf writes on the branch itself.
 *
 * <p>The comparison starts at the last merged branch commit of the milestone's record when that
 * commit is on the branch, and at the merge base otherwise. For a milestone recorded as merged,
 * any commit after the merged commit is unmerged work, whatever it changes. Otherwise a squash
 * merge leaves no ancestry behind, so a changed path counts as merged when its content is the
 * same on the integration branch.
 *
 * @param commitsAfterMerge how many commits the branch has after the recorded merged commit of a
 *     merged milestone; 0 when there is none or no such record
 * @param mergedCommit the recorded merged commit the comparison started at, or null
 * @param paths the changed paths that make up the unmerged work, in git's order
 */
record BranchWork(int commitsAfterMerge, String mergedCommit, List<String> paths) {

  BranchWork {
    paths = List.copyOf(paths);
  }

  /** Returns true when the branch has work the integration branch lacks. */
  boolean unmerged() {
    return commitsAfterMerge > 0 || !paths.isEmpty();
  }

  /** Describes the unmerged work in one clause, naming the first paths. */
  String describe(String into) {
    if (commitsAfterMerge > 0) {
      String changes = paths.isEmpty() ? "" : ", changing " + listed(paths);
      return "the branch has " + commitsAfterMerge + " commit(s) after "
          + mergedCommit.substring(0, Math.min(7, mergedCommit.length()))
          + ", the commit sf merged" + changes;
    }
    return "the branch changes files that differ on '" + into + "' (" + listed(paths) + ")";
  }

  /**
   * Finds the unmerged work of a milestone branch.
   *
   * @param root the project root
   * @param git the project's repository
   * @param id the milestone id
   * @param branch the milestone branch
   * @param into the integration branch
   * @param record the milestone's record, or null when there is none
   */
  static BranchWork find(Path root, ProjectGit git, String id, String branch, String into,
      MilestoneRecord record) {
    if (git.isMerged(branch, into)) {
      return new BranchWork(0, null, List.of());
    }
    String merged = record == null ? null : onBranch(root, record.mergedCommit(), branch);
    String ownStatus = ".sf/milestones/" + id + "/" + MilestoneStatus.FILE_NAME;
    if (merged != null && record.stateValue() == MilestoneState.MERGED) {
      int after = Integer.parseInt(GitCommand.runOrThrow(root, "rev-list", "--count",
          merged + ".." + branch).strip());
      List<String> changed = names(root, "diff", "--name-only", "--no-renames", "-z", merged,
          branch);
      return new BranchWork(after, merged, changed);
    }
    Set<String> changed = merged == null
        ? new LinkedHashSet<>(git.changedSinceMergeBase(branch, into))
        : new LinkedHashSet<>(names(root, "diff", "--name-only", "--no-renames", "-z", merged,
            branch));
    changed.remove(ownStatus);
    Set<String> differing = new LinkedHashSet<>(names(root, "diff", "--name-only",
        "--no-renames", "-z", into, branch));
    List<String> missing = new ArrayList<>();
    for (String path : changed) {
      if (differing.contains(path)) {
        missing.add(path);
      }
    }
    return new BranchWork(0, merged, missing);
  }

  /** Returns the commit when it exists and is on the branch, else null. */
  private static String onBranch(Path root, String commit, String branch) {
    if (commit == null || commit.isBlank()) {
      return null;
    }
    GitCommand.Result resolved = GitCommand.run(root, "rev-parse", "--verify", "--quiet",
        commit + "^{commit}");
    if (resolved.exitCode() != 0) {
      return null;
    }
    String full = resolved.stdout().strip();
    GitCommand.Result ancestor = GitCommand.run(root, "merge-base", "--is-ancestor", full,
        branch);
    return ancestor.exitCode() == 0 ? full : null;
  }

  private static List<String> names(Path root, String... args) {
    String output = GitCommand.runOrThrow(root, args);
    return Arrays.stream(output.split("\0")).filter(name -> !name.isBlank()).toList();
  }

  private static String listed(List<String> paths) {
    int shown = Math.min(paths.size(), 10);
    String more = paths.size() > shown ? " and " + (paths.size() - shown) + " more" : "";
    return String.join(", ", paths.subList(0, shown)) + more;
  }
}
