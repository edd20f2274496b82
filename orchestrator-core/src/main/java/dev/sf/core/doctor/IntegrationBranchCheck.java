package dev.sf.core.doctor;

import dev.sf.core.git.ProjectGit;
import dev.sf.core.runtime.RunRecord;
import dev.sf.errors.GitException;
import dev.sf.errors.SfException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the integration branch the other checks compare with: the one the recorded run merges
 * into ({@code integration_branch} in {@code .sf/parallel/run.json}), else the branch checked
 * out in the project root. Reports, without a repair, a project root that has another branch
 * checked out than the run's, because the commands that start or merge milestones reject the
 * project then.
 */
final class IntegrationBranchCheck {
  private static final Logger log = LoggerFactory.getLogger(IntegrationBranchCheck.class);

  private final Doctor doctor;
  private final ProjectGit git;

  IntegrationBranchCheck(Doctor doctor) {
    this.doctor = doctor;
    this.git = doctor.session().git();
  }

  /**
   * Returns the integration branch.
   *
   * @throws GitException when there is no usable recorded branch and HEAD is detached
   */
  String run() {
    Optional<String> recorded = recordedBranch();
    Optional<String> current = currentBranch();
    if (recorded.isEmpty()) {
      return current.orElseGet(git::currentBranch);
    }
    String into = recorded.get();
    String checkedOut = current.map(name -> "'" + name + "' checked out")
        .orElse("a detached HEAD");
    if (git.branchHead(into).isEmpty()) {
      String fallback = current.orElseGet(git::currentBranch);
      doctor.manual(Check.OTHER_BRANCH_CHECKED_OUT, into, "The run merges into '" + into
          + "', which does not exist, so doctor compares milestone branches with '" + fallback
          + "', the branch checked out in the project root.", "restore branch '" + into
          + "', or remove .sf/parallel to start a new run on '" + fallback + "'");
      return fallback;
    }
    if (!current.equals(recorded)) {
      doctor.manual(Check.OTHER_BRANCH_CHECKED_OUT, into, "The run merges into '" + into
          + "', but the project root has " + checkedOut + ". Doctor compares milestone branches"
          + " with '" + into + "', and the commands that start or merge milestones reject the"
          + " project until '" + into + "' is checked out again.", "run 'git switch " + into
          + "' in the project root to go on with the run, or remove .sf/parallel to start a"
          + " new one");
    }
    return into;
  }

  private Optional<String> recordedBranch() {
    try {
      return doctor.session().recordedRun().map(RunRecord::integrationBranch)
          .filter(name -> !name.isBlank());
    } catch (SfException e) {
      // The state file check reports the unreadable run file.
      log.warn("Cannot read the recorded run's integration branch, using the checked-out"
          + " branch", e);
      return Optional.empty();
    }
  }

  private Optional<String> currentBranch() {
    try {
      return Optional.of(git.currentBranch());
    } catch (GitException e) {
      log.warn("Cannot read the branch checked out in the project root", e);
      return Optional.empty();
    }
  }
}
