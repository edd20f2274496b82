package dev.sf.core.runtime;

import dev.sf.core.git.DiffSummary;
import dev.sf.core.git.MergeOutcome;
import dev.sf.core.git.MergeRequest;
import dev.sf.core.model.Milestone;
import dev.sf.errors.SfException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges one milestone branch into the integration branch and, after a complete merge, removes
 * the milestone's worktree and branch. The git layer computes every merge in memory first, so a
 * conflict or a refusal changes nothing. Blocking: runs on the blocking dispatcher or in the
 * caller's thread when no coordinator runs.
 */
public final class MilestoneMerger {
  private static final Logger log = LoggerFactory.getLogger(MilestoneMerger.class);

  /** How a merge ended. */
  public enum Kind { MERGED, NOTHING, CONFLICT, REFUSED, DECLINED, UNANSWERED, FAILED }

  /**
   * The result of one merge.
   *
   * @param kind how it ended
   * @param commit the new integration branch commit, or null
   * @param branchCommit the milestone branch commit that was merged, or null
   * @param files conflicting files, or the files in the way of a refused merge
   * @param notes warnings worth showing, such as a kept worktree or dropped files
   * @param message one sentence for the user
   */
  public record Result(Kind kind, String commit, String branchCommit, List<String> files,
      List<String> notes, String message) {

    public Result {
      files = List.copyOf(files);
      notes = List.copyOf(notes);
    }

    static Result failed(String message) {
      return new Result(Kind.FAILED, null, null, List.of(), List.of(), "merge failed: " + message);
    }

    /** Returns a one-line summary. */
    public String summary() {
      return message;
    }
  }

  private final RuntimeServices services;

  /** Creates a merger for the run's repository and preferences. */
  public MilestoneMerger(RuntimeServices services) {
    this.services = services;
  }

  /**
   * Merges a milestone.
   *
   * @param record the milestone's record
   * @param partial true for a per-slice merge while the worker goes on: the worktree and branch
   *     stay
   * @param confirm true to ask the {@link MergeConfirmer} first
   */
  public Result merge(MilestoneRecord record, boolean partial, boolean confirm) {
    String id = record.id();
    String branch = RuntimeServices.branch(id);
    String into = services.integrationBranch();
    Milestone milestone = services.milestone(id);
    if (services.git().branchHead(branch).isEmpty()) {
      if (!partial && services.completeOnIntegrationBranch(id)) {
        // A coordinator that stopped after deleting the merged branch, but before it recorded
        // the merge, leaves this state. The completed status file is already on the branch.
        log.info("Milestone {} is already merged into {}: its status file there is completed"
            + " and its branch is gone", id, into);
        return new Result(Kind.NOTHING, null, null, List.of(), List.of(),
            "already merged into " + into + " (its branch was removed after the merge)");
      }
      return new Result(Kind.FAILED, null, null, List.of(), List.of(),
          "branch " + branch + " does not exist, so there is nothing to merge");
    }
    if (confirm) {
      Optional<Result> answer = ask(record, milestone, branch, into);
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    MergeRequest request = new MergeRequest(id, branch, into,
        services.preferences().parallel().mergeStyle(), message(milestone, record, partial),
        Optional.ofNullable(record.mergedCommit()));
    MergeOutcome outcome = services.git().merge(request);
    if (outcome instanceof MergeOutcome.Merged merged) {
      return merged(id, partial, merged);
    }
    if (outcome instanceof MergeOutcome.NothingToMerge nothing) {
      return nothing(id, partial, nothing);
    }
    if (outcome instanceof MergeOutcome.Conflict conflict) {
      return conflict(id, conflict);
    }
    return refused(id, (MergeOutcome.Refused) outcome);
  }

  private Optional<Result> ask(MilestoneRecord record, Milestone milestone, String branch,
      String into) {
    DiffSummary diff = services.git().diff(branch, into, false);
    MergePreview preview = new MergePreview(record.id(), milestone.title(), record.costUsd(),
        DiffStats.format(diff), diff.conflicts());
    Optional<Boolean> answer = services.confirmer().confirm(preview);
    if (answer.isEmpty()) {
      log.info("Milestone {} awaits a merge confirmation", record.id());
      return Optional.of(new Result(Kind.UNANSWERED, null, null, List.of(), List.of(),
          "waiting for a merge confirmation; run 'sf parallel merge " + record.id() + "'"));
    }
    if (!answer.get()) {
      log.info("Merge of milestone {} declined", record.id());
      return Optional.of(new Result(Kind.DECLINED, null, null, List.of(), List.of(),
          "merge declined; run 'sf parallel merge " + record.id() + "' to merge it later"));
    }
    return Optional.empty();
  }

  private Result merged(String id, boolean partial, MergeOutcome.Merged merged) {
    List<String> notes = new ArrayList<>();
    if (!merged.droppedForeignFiles().isEmpty()) {
      String note = "changes to other milestones' files were not merged: "
          + String.join(", ", merged.droppedForeignFiles());
      log.warn("Milestone {}: {}", id, note);
      notes.add(note);
    }
    log.info("Merged milestone {}{} into {} as {}", id, partial ? " (finished slices)" : "",
        services.integrationBranch(), shortId(merged.commit()));
    if (!partial) {
      cleanUp(id, merged.branchCommit(), notes);
    }
    return new Result(Kind.MERGED, merged.commit(), merged.branchCommit(), List.of(), notes,
        "merged into " + services.integrationBranch() + " as " + shortId(merged.commit())
            + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
  }

  private Result nothing(String id, boolean partial, MergeOutcome.NothingToMerge nothing) {
    List<String> notes = new ArrayList<>();
    if (!partial) {
      cleanUp(id, nothing.branchCommit(), notes);
    }
    return new Result(Kind.NOTHING, null, nothing.branchCommit(), List.of(), notes,
        "nothing new to merge" + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
  }

  private Result conflict(String id, MergeOutcome.Conflict conflict) {
    log.warn("Merge of milestone {} conflicts in {}; nothing was changed", id, conflict.files());
    return new Result(Kind.CONFLICT, null, null, conflict.files(), List.of(),
        "conflict in " + String.join(", ", conflict.files()) + "; resolve it in .sf/worktrees/"
            + id + " (merge " + services.integrationBranch() + " there and commit), then run"
            + " 'sf parallel merge " + id + "'");
  }

  private Result refused(String id, MergeOutcome.Refused refused) {
    log.warn("Merge of milestone {} refused: {} {}", id, refused.reason(), refused.files());
    return new Result(Kind.REFUSED, null, null, refused.files(), List.of(),
        refused.reason() + listFiles(refused.files()));
  }

  /** Lists the first files in the way of a refused merge, so the user sees what to fix. */
  private static String listFiles(List<String> files) {
    if (files.isEmpty()) {
      return "";
    }
    int shown = Math.min(files.size(), 10);
    String more = files.size() > shown ? " and " + (files.size() - shown) + " more" : "";
    return " Files: " + String.join(", ", files.subList(0, shown)) + more + ".";
  }

  /**
   * Removes the worktree and branch of a merged milestone. A worktree with uncommitted changes
   * stays, and so does its branch; the note says so.
   */
  private void cleanUp(String id, String mergedBranchCommit, List<String> notes) {
    Path worktree = services.worktree(id);
    String branch = RuntimeServices.branch(id);
    try {
      if (Files.exists(worktree)) {
        Set<String> uncommitted = services.git().uncommittedPaths(worktree);
        if (!uncommitted.isEmpty()) {
          notes.add("worktree .sf/worktrees/" + id + " was kept because it has uncommitted"
              + " changes: " + String.join(", ", uncommitted.stream().sorted().limit(10).toList()));
          return;
        }
        services.git().removeWorktree(worktree, false);
      }
      Optional<String> head = services.git().branchHead(branch);
      if (head.isPresent() && head.get().equals(mergedBranchCommit)) {
        // The merged commit is the branch head, so its work is in the integration branch even
        // when a squash left no ancestry behind.
        services.git().deleteBranch(branch, services.integrationBranch(), true);
      } else if (head.isPresent()) {
        notes.add("branch " + branch + " was kept because it moved after the merge");
      }
      log.info("Removed the worktree and branch of merged milestone {}", id);
    } catch (SfException e) {
      log.warn("Cleaning up merged milestone {} failed", id, e);
      notes.add("cleanup failed: " + e.getMessage());
    }
  }

  static String message(Milestone milestone, MilestoneRecord record, boolean partial) {
    StringBuilder text = new StringBuilder();
    text.append(milestone.id()).append(": ").append(milestone.title());
    if (partial) {
      text.append(" (slices so far)");
    }
    text.append("\n\n");
    if (!milestone.slices().isEmpty()) {
      text.append("Slices:\n");
      for (Milestone.Slice slice : milestone.slices()) {
        boolean done = record.slicesDone().contains(slice.id());
        text.append("- ").append(slice.id()).append(' ').append(slice.title())
            .append(done ? " (done)" : "").append('\n');
      }
    }
    BigDecimal cost = record.costUsd();
    text.append("Cost: ").append(cost.toPlainString()).append(" USD\n");
    text.append("Milestone-Branch: ").append(RuntimeServices.branch(milestone.id())).append('\n');
    return text.toString();
  }

  private static String shortId(String commit) {
    return commit == null ? "-" : commit.substring(0, Math.min(10, commit.length()));
  }
}
