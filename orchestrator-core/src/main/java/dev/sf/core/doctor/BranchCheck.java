package dev.sf.core.doctor;

import dev.sf.core.git.ProjectGit;
import dev.sf.core.git.WorktreeInfo;
import dev.sf.core.model.MilestoneStatus;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.MilestoneState;
import dev.sf.core.runtime.RunStore;
import dev.sf.errors.ConfigException;
import dev.sf.errors.SfException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds {@code milestone/*} branches of milestones that are already merged (the integration
 * branch's {@code status.yaml} says completed, or the record says merged), which a merge
 * interrupted before its cleanup leaves behind, or a merge that kept a worktree with uncommitted
 * changes. The repair removes the worktree and the branch. A worktree with uncommitted changes,
 * or a branch with work the integration branch lacks ({@link BranchWork}), is removed only with
 * force.
 */
final class BranchCheck {
  private static final String PREFIX = "milestone/";

  private final Doctor doctor;
  private final ProjectGit git;

  BranchCheck(Doctor doctor) {
    this.doctor = doctor;
    this.git = doctor.session().git();
  }

  void run() {
    String into = doctor.integrationBranch();
    Map<String, MilestoneRecord> records = records();
    for (String branch : milestoneBranches()) {
      String id = branch.substring(PREFIX.length());
      MilestoneRecord record = records.get(id);
      boolean recordMerged = record != null && record.stateValue() == MilestoneState.MERGED;
      if (!recordMerged && !completedOn(into, id)) {
        continue;
      }
      if (record != null && doctor.coordinator().isPresent()
          && record.stateValue() != MilestoneState.MERGED) {
        continue;
      }
      report(id, branch, into, record);
    }
  }

  private void report(String id, String branch, String into, MilestoneRecord record) {
    Optional<WorktreeInfo> worktree = git.listWorktrees().stream()
        .filter(info -> branch.equals(info.branch()) && !info.main()).findFirst();
    Set<String> dirty = worktree.filter(info -> !info.prunable())
        .map(info -> git.uncommittedPaths(info.path())).orElse(Set.of());
    BranchWork work = BranchWork.find(doctor.session().root(), git, id, branch, into, record);
    List<String> risks = new ArrayList<>();
    List<String> advice = new ArrayList<>();
    if (!dirty.isEmpty()) {
      risks.add("its worktree has uncommitted changes (" + String.join(", ", dirty) + ")");
      advice.add("To keep the uncommitted changes, commit or copy them.");
    }
    if (work.unmerged()) {
      risks.add(work.describe(into));
      advice.add("To keep the branch's work, merge it in the project root with 'git merge "
          + branch + "' on '" + into + "', then run 'sf doctor --fix' again.");
    }
    String where = worktree.map(info -> "remove the worktree " + Doctor.relative(
        doctor.session().root(), info.path()) + " and ").orElse("");
    String message = "Milestone " + id + " is merged into '" + into + "', but its branch '"
        + branch + "' is still there" + (risks.isEmpty() ? "." : "; " + String.join("; ",
            risks) + ".");
    doctor.repairable(Check.MERGED_BRANCH, branch, message, where + "delete branch '" + branch
        + "'", !risks.isEmpty(), String.join(" ", advice), () -> {
          worktree.ifPresent(info -> git.removeWorktree(info.path(), true));
          git.deleteBranch(branch, into, true);
        });
  }

  private List<String> milestoneBranches() {
    String output = GitCommand.runOrThrow(doctor.session().root(), "for-each-ref",
        "--format=%(refname:short)", "refs/heads/" + PREFIX);
    return output.lines().map(String::strip).filter(line -> line.startsWith(PREFIX)).toList();
  }

  private boolean completedOn(String branch, String id) {
    String path = ".sf/milestones/" + id + "/" + MilestoneStatus.FILE_NAME;
    Optional<String> text = git.readFile(branch, path);
    try {
      return text.isPresent()
          && MilestoneStatus.parse(text.get(), doctor.session().root().resolve(path))
              .isCompleted();
    } catch (ConfigException e) {
      return false;
    }
  }

  private Map<String, MilestoneRecord> records() {
    try {
      return doctor.session().store().loadMilestones();
    } catch (SfException e) {
      // An unreadable record is the state file check's concern; fall back to the status files.
      return readable();
    }
  }

  private Map<String, MilestoneRecord> readable() {
    Map<String, MilestoneRecord> records = new java.util.TreeMap<>();
    Path folder = doctor.session().store().parallelDir().resolve("workers");
    try (var files = java.nio.file.Files.list(folder)) {
      for (Path file : files.toList()) {
        if (StateFileCheck.unreadable(file, MilestoneRecord.class) == null) {
          MilestoneRecord record = RunStore.json().readValue(file.toFile(),
              MilestoneRecord.class);
          records.put(record.id(), record);
        }
      }
    } catch (java.io.IOException e) {
      return records;
    }
    return records;
  }
}
