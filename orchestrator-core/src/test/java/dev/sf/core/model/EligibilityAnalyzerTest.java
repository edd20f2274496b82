package dev.sf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.model.EligibilityReport.Kind;
import dev.sf.core.model.EligibilityReport.Overlap;
import dev.sf.core.model.EligibilityReport.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EligibilityAnalyzerTest {

  /** Facts kept in plain collections, set by each test. */
  private static final class Facts implements MilestoneFacts {
    final Set<String> mergedComplete = new HashSet<>();
    final Map<String, String> states = new HashMap<>();
    final Map<String, Set<String>> changed = new HashMap<>();
    final List<String> repository = new ArrayList<>();

    @Override
    public boolean isMergedComplete(String id) {
      return mergedComplete.contains(id);
    }

    @Override
    public Optional<String> runState(String id) {
      return Optional.ofNullable(states.get(id));
    }

    @Override
    public Set<String> changedFiles(String id) {
      return changed.getOrDefault(id, Set.of());
    }

    @Override
    public List<String> repositoryFiles() {
      return repository;
    }
  }

  private final Facts facts = new Facts();

  private static Milestone milestone(String id, List<String> dependsOn, List<String> files) {
    return new Milestone(id, id, dependsOn, files, List.of(), Map.of(), "",
        Path.of(".sf/milestones", id, "MILESTONE.md"));
  }

  private static Milestone milestone(String id, String... dependsOn) {
    return milestone(id, List.of(dependsOn), List.of());
  }

  private Verdict verdict(List<Milestone> milestones, String id) {
    return EligibilityAnalyzer.analyze(milestones, facts).verdict(id).orElseThrow();
  }

  @Test
  void milestoneWithoutDependenciesIsEligible() {
    Verdict verdict = verdict(List.of(milestone("M001")), "M001");

    assertEquals(Kind.ELIGIBLE, verdict.kind());
    assertEquals("eligible", verdict.reason());
  }

  @Test
  void mergedCompleteIsComplete() {
    facts.mergedComplete.add("M001");

    Verdict verdict = verdict(List.of(milestone("M001")), "M001");

    assertEquals(Kind.COMPLETE, verdict.kind());
    assertEquals("complete", verdict.reason());
  }

  @Test
  void mergedRunStateIsComplete() {
    facts.states.put("M001", "merged");

    assertEquals("complete", verdict(List.of(milestone("M001")), "M001").reason());
  }

  @Test
  void completedButUnmergedWaits() {
    facts.states.put("M001", "awaiting-merge");
    facts.states.put("M002", "completed");

    List<Milestone> milestones = List.of(milestone("M001"), milestone("M002"));

    assertEquals("complete, waiting to be merged", verdict(milestones, "M001").reason());
    assertEquals(Kind.AWAITING_MERGE, verdict(milestones, "M002").kind());
  }

  @Test
  void mergingIsCompleteAndNotRetried() {
    facts.states.put("M001", "merging");

    List<Milestone> milestones = List.of(milestone("M001"));

    assertEquals(Kind.AWAITING_MERGE, verdict(milestones, "M001").kind());
    assertEquals("complete, being merged", verdict(milestones, "M001").reason());
    assertEquals(List.of(), verdict(milestones, "M001").notes());
  }

  @Test
  void conflictIsHeldWithHint() {
    facts.states.put("M002", "conflict");

    Verdict verdict = verdict(List.of(milestone("M002")), "M002");

    assertEquals(Kind.HELD, verdict.kind());
    assertEquals("conflict: resolve it in .sf/worktrees/M002 and run sf parallel merge M002",
        verdict.reason());
  }

  @Test
  void runningStatesAreRunning() {
    List<Milestone> milestones = new ArrayList<>();
    for (String state : List.of("starting", "running", "paused", "stopping")) {
      facts.states.put("M-" + state, state);
      milestones.add(milestone("M-" + state));
    }

    EligibilityReport report = EligibilityAnalyzer.analyze(milestones, facts);

    for (Verdict verdict : report.verdicts()) {
      assertEquals(Kind.RUNNING, verdict.kind(), verdict.id());
      assertEquals("running", verdict.reason(), verdict.id());
    }
    assertEquals(List.of("paused"), report.verdict("M-paused").orElseThrow().notes());
  }

  @Test
  void failedStoppedAndBudgetStoppedAreCandidatesAgain() {
    facts.states.put("M001", "failed");
    facts.states.put("M002", "stopped");
    facts.states.put("M003", "budget-stopped");

    EligibilityReport report =
        EligibilityAnalyzer.analyze(
            List.of(milestone("M001"), milestone("M002"), milestone("M003")), facts);

    assertEquals(List.of("M001", "M002", "M003"), report.eligibleIds());
    assertEquals(List.of("last attempt failed"), report.verdicts().get(0).notes());
  }

  @Test
  void incompleteDependenciesBlock() {
    facts.states.put("M003", "running");

    Verdict verdict =
        verdict(List.of(milestone("M001"), milestone("M003"), milestone("M004", "M001", "M003")),
            "M004");

    assertEquals(Kind.BLOCKED, verdict.kind());
    assertEquals("blocked by M001, M003", verdict.reason());
    assertEquals(List.of("M001", "M003"), verdict.blockers());
  }

  @Test
  void completeUnmergedDependencyWaitsForMerge() {
    facts.states.put("M001", "awaiting-merge");

    Verdict verdict = verdict(List.of(milestone("M001"), milestone("M002", "M001")), "M002");

    assertEquals(Kind.BLOCKED, verdict.kind());
    assertEquals("waiting for M001 to be merged", verdict.reason());
  }

  @Test
  void conflictedDependencyWaitsForMerge() {
    facts.states.put("M001", "conflict");

    Verdict verdict = verdict(List.of(milestone("M001"), milestone("M002", "M001")), "M002");

    assertEquals("waiting for M001 to be merged", verdict.reason());
  }

  @Test
  void incompleteDependencyWinsOverUnmerged() {
    facts.states.put("M001", "completed");

    Verdict verdict =
        verdict(List.of(milestone("M001"), milestone("M002"), milestone("M003", "M001", "M002")),
            "M003");

    assertEquals("blocked by M002", verdict.reason());
    assertEquals(List.of("M002", "M001"), verdict.blockers());
  }

  @Test
  void mergedDependenciesMakeEligible() {
    facts.mergedComplete.add("M001");
    facts.states.put("M002", "merged");

    Verdict verdict =
        verdict(List.of(milestone("M001"), milestone("M002"), milestone("M003", "M001", "M002")),
            "M003");

    assertEquals(Kind.ELIGIBLE, verdict.kind());
  }

  @Test
  void returnsVerdictsInDependencyOrder() {
    EligibilityReport report =
        EligibilityAnalyzer.analyze(
            List.of(milestone("M003", "M002"), milestone("M001"), milestone("M002", "M001")),
            facts);

    assertEquals(List.of("M001", "M002", "M003"),
        report.verdicts().stream().map(Verdict::id).toList());
  }

  @Test
  void reportsOverlapOfGlobAndLiteral() {
    facts.repository.addAll(List.of("src/a.js", "src/b.js", "docs/x.md"));

    EligibilityReport report =
        EligibilityAnalyzer.analyze(
            List.of(milestone("M001", List.of(), List.of("src/**")),
                milestone("M002", List.of(), List.of("src/a.js", "docs/x.md"))),
            facts);

    assertEquals(List.of(new Overlap("M001", "M002", List.of("src/a.js"))), report.overlaps());
    assertEquals(List.of("overlaps M002 on src/a.js"),
        report.verdict("M001").orElseThrow().notes());
    assertEquals(Kind.ELIGIBLE, report.verdict("M002").orElseThrow().kind());
  }

  @Test
  void identicalGlobsOverlapWithoutFiles() {
    EligibilityReport report =
        EligibilityAnalyzer.analyze(
            List.of(milestone("M001", List.of(), List.of("src/new/**", "lib/n.js")),
                milestone("M002", List.of(), List.of("src/new/**")),
                milestone("M003", List.of(), List.of("./lib/n.js"))),
            facts);

    assertEquals(
        List.of(new Overlap("M001", "M002", List.of("src/new/**")),
            new Overlap("M001", "M003", List.of("lib/n.js"))),
        report.overlaps());
  }

  @Test
  void changedFilesOverlapPlannedFiles() {
    facts.repository.addAll(List.of("src/a.js", "src/b.js"));
    facts.states.put("M001", "running");
    facts.changed.put("M001", Set.of("src/b.js", "README.md"));

    EligibilityReport report =
        EligibilityAnalyzer.analyze(
            List.of(milestone("M001"), milestone("M002", List.of(), List.of("src/*.js"))), facts);

    assertEquals(List.of(new Overlap("M001", "M002", List.of("src/b.js"))), report.overlaps());
  }

  @Test
  void completeMilestonesDoNotOverlap() {
    facts.repository.add("a.txt");
    facts.mergedComplete.add("M001");

    EligibilityReport report =
        EligibilityAnalyzer.analyze(
            List.of(milestone("M001", List.of(), List.of("a.txt")),
                milestone("M002", List.of(), List.of("*.txt"))),
            facts);

    assertTrue(report.overlaps().isEmpty());
  }

  @Test
  void folderLiteralCoversItsFiles() {
    facts.repository.addAll(List.of("src/pay/a.js", "src/payroll.js"));

    EligibilityReport report =
        EligibilityAnalyzer.analyze(
            List.of(milestone("M001", List.of(), List.of("src/pay")),
                milestone("M002", List.of(), List.of("src/**/*.js"))),
            facts);

    assertEquals(List.of(new Overlap("M001", "M002", List.of("src/pay/a.js"))), report.overlaps());
  }

  @Test
  void noteListsAtMostThreeFiles() {
    facts.repository.addAll(List.of("a/1", "a/2", "a/3", "a/4", "a/5"));

    EligibilityReport report =
        EligibilityAnalyzer.analyze(
            List.of(milestone("M001", List.of(), List.of("a/*")),
                milestone("M002", List.of(), List.of("a/**"))),
            facts);

    assertEquals(List.of("overlaps M002 on a/1, a/2, a/3 and 2 more"),
        report.verdict("M001").orElseThrow().notes());
  }

  @Test
  void largeGraphKeepsDependencyOrder() {
    // The speed target for 10,000 milestones lives in EligibilityBenchmark, not here.
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      facts.repository.add("src/m" + (i % 500) + "/f" + i + ".java");
    }
    List<Milestone> milestones = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      List<String> dependsOn = new ArrayList<>();
      for (int d = 0; d < 3 && i > 0; d++) {
        dependsOn.add(String.format("M%05d", random.nextInt(i)));
      }
      List<String> files = new ArrayList<>();
      files.add("src/m" + (i % 500) + "/**");
      for (int f = 0; f < 20; f++) {
        files.add("src/m" + random.nextInt(500) + "/f" + random.nextInt(2_000) + ".java");
      }
      milestones.add(milestone(String.format("M%05d", i), dependsOn.stream().distinct().toList(),
          files));
    }

    EligibilityReport report = EligibilityAnalyzer.analyze(milestones, facts);

    assertEquals(1_000, report.verdicts().size());
    java.util.Map<String, Integer> position = new java.util.HashMap<>();
    for (EligibilityReport.Verdict verdict : report.verdicts()) {
      position.put(verdict.id(), position.size());
    }
    for (Milestone milestone : milestones) {
      for (String dependency : milestone.dependsOn()) {
        assertTrue(position.get(dependency) < position.get(milestone.id()),
            dependency + " must come before " + milestone.id());
      }
    }
    assertEquals(List.of("M00000"), report.eligibleIds().subList(0, 1));
    assertTrue(!report.overlaps().isEmpty(), "random plans share files, so overlaps are expected");
  }
}
