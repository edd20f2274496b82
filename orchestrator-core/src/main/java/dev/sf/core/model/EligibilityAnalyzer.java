package dev.sf.core.model;

import dev.sf.core.model.EligibilityReport.Kind;
import dev.sf.core.model.EligibilityReport.Overlap;
import dev.sf.core.model.EligibilityReport.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which milestones can start now, and warns about milestones that touch the same files.
 *
 * <p>A milestone is complete when the integration branch records it ({@link
 * MilestoneFacts#isMergedComplete}) or its run state is {@code merged}; {@code completed},
 * {@code awaiting-merge} and {@code merging} mean complete but not merged, and {@code conflict} keeps it held until the
 * user resolves the conflict. {@code starting}, {@code running}, {@code paused} and {@code
 * stopping} are running. Any other state ({@code failed}, {@code stopped}, {@code budget-stopped},
 * {@code pending}) or no record makes it a candidate again, which is eligible when every
 * dependency is complete and merged.
 */
public final class EligibilityAnalyzer {
  private static final Logger LOG = LoggerFactory.getLogger(EligibilityAnalyzer.class);

  private static final Set<String> RUNNING_STATES =
      Set.of("starting", "running", "paused", "stopping");
  private static final Set<String> UNMERGED_STATES =
      Set.of("completed", "awaiting-merge", "merging");
  private static final Set<String> RETRY_STATES =
      Set.of("pending", "failed", "stopped", "budget-stopped");
  private static final int FILES_IN_NOTE = 3;

  private EligibilityAnalyzer() {}

  /**
   * Analyses the milestones.
   *
   * @param milestones the milestones of the project, in any order
   * @param facts the state of the repository and of the run
   * @return a verdict for every milestone in dependency order, and the overlaps between the
   *     milestones that are not complete
   */
  public static EligibilityReport analyze(List<Milestone> milestones, MilestoneFacts facts) {
    List<Milestone> ordered = MilestoneGraph.topologicalOrder(milestones);
    Map<String, Status> statuses = new HashMap<>();
    List<Verdict> verdicts = new ArrayList<>(ordered.size());
    List<Milestone> open = new ArrayList<>();
    for (Milestone milestone : ordered) {
      Verdict verdict = judge(milestone, facts, statuses);
      verdicts.add(verdict);
      if (verdict.kind() != Kind.COMPLETE) {
        open.add(milestone);
      }
    }
    List<Overlap> overlaps = OverlapFinder.find(open, facts);
    return new EligibilityReport(addOverlapNotes(verdicts, overlaps), overlaps);
  }

  private static Verdict judge(
      Milestone milestone, MilestoneFacts facts, Map<String, Status> statuses) {
    String id = milestone.id();
    Status status = status(id, facts, statuses);
    Optional<String> state = facts.runState(id);
    if (status == Status.MERGED) {
      return verdict(id, Kind.COMPLETE, List.of(), "complete", List.of());
    }
    if (state.isPresent() && UNMERGED_STATES.contains(state.get())) {
      String reason = state.get().equals("merging")
          ? "complete, being merged" : "complete, waiting to be merged";
      return verdict(id, Kind.AWAITING_MERGE, List.of(), reason, List.of());
    }
    if (state.isPresent() && state.get().equals("conflict")) {
      String reason = "conflict: resolve it in .sf/worktrees/" + id + " and run sf parallel merge "
          + id;
      return verdict(id, Kind.HELD, List.of(), reason, List.of());
    }
    if (state.isPresent() && RUNNING_STATES.contains(state.get())) {
      List<String> notes = state.get().equals("running") ? List.of() : List.of(state.get());
      return verdict(id, Kind.RUNNING, List.of(), "running", notes);
    }
    List<String> notes = new ArrayList<>();
    if (state.isPresent() && !RETRY_STATES.contains(state.get())) {
      LOG.warn("Milestone {} has the unknown run state '{}'; treating it as not started", id,
          state.get());
      notes.add("unknown run state " + state.get() + ", treated as not started");
    } else if (state.isPresent() && !state.get().equals("pending")) {
      notes.add("last attempt " + state.get());
    }
    return candidate(milestone, facts, statuses, notes);
  }

  private static Verdict candidate(
      Milestone milestone, MilestoneFacts facts, Map<String, Status> statuses,
      List<String> notes) {
    List<String> incomplete = new ArrayList<>();
    List<String> unmerged = new ArrayList<>();
    for (String dependency : milestone.dependsOn()) {
      Status status = status(dependency, facts, statuses);
      if (status == Status.OPEN) {
        incomplete.add(dependency);
      } else if (status == Status.COMPLETE) {
        unmerged.add(dependency);
      }
    }
    List<String> blockers = new ArrayList<>(incomplete);
    blockers.addAll(unmerged);
    if (!incomplete.isEmpty()) {
      return verdict(milestone.id(), Kind.BLOCKED, blockers,
          "blocked by " + String.join(", ", incomplete), notes);
    }
    if (!unmerged.isEmpty()) {
      return verdict(milestone.id(), Kind.BLOCKED, blockers,
          "waiting for " + String.join(", ", unmerged) + " to be merged", notes);
    }
    return verdict(milestone.id(), Kind.ELIGIBLE, List.of(), "eligible", notes);
  }

  private static Verdict verdict(
      String id, Kind kind, List<String> blockers, String reason, List<String> notes) {
    return new Verdict(id, kind, blockers, reason, notes);
  }

  /** How far a milestone is, as a dependency of others. */
  private enum Status {
    OPEN,
    COMPLETE,
    MERGED
  }

  private static Status status(String id, MilestoneFacts facts, Map<String, Status> statuses) {
    Status cached = statuses.get(id);
    if (cached != null) {
      return cached;
    }
    Optional<String> state = facts.runState(id);
    Status status;
    if (facts.isMergedComplete(id) || state.filter("merged"::equals).isPresent()) {
      status = Status.MERGED;
    } else if (state.filter(s -> UNMERGED_STATES.contains(s) || s.equals("conflict"))
        .isPresent()) {
      status = Status.COMPLETE;
    } else {
      status = Status.OPEN;
    }
    statuses.put(id, status);
    return status;
  }

  private static List<Verdict> addOverlapNotes(List<Verdict> verdicts, List<Overlap> overlaps) {
    if (overlaps.isEmpty()) {
      return verdicts;
    }
    Set<String> eligible = new HashSet<>();
    for (Verdict verdict : verdicts) {
      if (verdict.kind() == Kind.ELIGIBLE) {
        eligible.add(verdict.id());
      }
    }
    Map<String, List<String>> notes = new HashMap<>();
    for (Overlap overlap : overlaps) {
      if (eligible.contains(overlap.first())) {
        notes.computeIfAbsent(overlap.first(), k -> new ArrayList<>())
            .add(overlapNote(overlap.second(), overlap.files()));
      }
      if (eligible.contains(overlap.second())) {
        notes.computeIfAbsent(overlap.second(), k -> new ArrayList<>())
            .add(overlapNote(overlap.first(), overlap.files()));
      }
    }
    List<Verdict> result = new ArrayList<>(verdicts.size());
    for (Verdict verdict : verdicts) {
      List<String> extra = notes.get(verdict.id());
      if (verdict.kind() != Kind.ELIGIBLE || extra == null) {
        result.add(verdict);
        continue;
      }
      List<String> all = new ArrayList<>(verdict.notes());
      all.addAll(extra);
      result.add(new Verdict(verdict.id(), verdict.kind(), verdict.blockers(), verdict.reason(),
          all));
    }
    return result;
  }

  private static String overlapNote(String other, List<String> files) {
    List<String> shown = files.subList(0, Math.min(FILES_IN_NOTE, files.size()));
    String note = "overlaps " + other + " on " + String.join(", ", shown);
    if (files.size() > shown.size()) {
      note += " and " + (files.size() - shown.size()) + " more";
    }
    return note;
  }
}
