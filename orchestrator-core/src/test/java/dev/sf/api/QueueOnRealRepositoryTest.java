package dev.sf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eligibility reasons and overlap warnings on a real repository: completion read from {@code
 * status.yaml} on the integration branch, run state from {@code .sf/parallel}, and overlaps from
 * both planned globs and the files a milestone branch really changed.
 */
class QueueOnRealRepositoryTest {
  @TempDir
  Path temp;

  private ProjectFixture fixture;

  @BeforeEach
  void createProject() {
    fixture = ProjectFixture.create(temp, "");
    fixture.write("src/a.js", "a\n");
    fixture.write("src/b.js", "b\n");
    fixture.write("docs/guide.md", "guide\n");
    fixture.milestone("M001", "files: [\"docs/**\"]\n");
    fixture.milestone("M002", "depends_on: [M001]\nfiles: [\"src/*.js\"]\n");
    fixture.milestone("M003", "files: [\"lib/**\"]\n");
    fixture.milestone("M004", "files: [\"src/a.js\"]\n");
    fixture.milestone("M005", "depends_on: [M006]\n");
    fixture.milestone("M006", "files: [\"docs/guide.md\"]\n");
    fixture.write(".sf/milestones/M001/status.yaml",
        "state: completed\nslices_finished: []\ncompleted_at: 2026-01-01T00:00:00Z\n"
            + "cost_usd: \"1.00\"\n");
    fixture.commitAll("Plan six milestones");
  }

  @Test
  void mergedDependencyMakesDependentEligible() {
    Map<String, QueueEntry> queue = queue();

    assertEquals(QueueEntry.Verdict.COMPLETE, queue.get("M001").verdict());
    assertEquals("complete", queue.get("M001").reason());
    assertEquals(QueueEntry.Verdict.ELIGIBLE, queue.get("M002").verdict());
    assertEquals("blocked by M006", queue.get("M005").reason());
  }

  @Test
  void completedButUnmergedDependencyWaits() throws Exception {
    fixture.write(".sf/parallel/workers/M006.json",
        "{\"id\": \"M006\", \"title\": \"M006\", \"state\": \"completed\", \"log_offset\": 0,"
            + " \"slices_total\": 0, \"attempts\": 1}\n");

    Map<String, QueueEntry> queue = queue();

    assertEquals("waiting for M006 to be merged", queue.get("M005").reason());
    assertEquals(List.of("M006"), queue.get("M005").blockers());
    assertEquals("completed", queue.get("M006").state());
  }

  @Test
  void branchChangesOverlapPlannedFiles() {
    fixture.git("branch", "milestone/M003");
    fixture.git("checkout", "-q", "milestone/M003");
    fixture.write("src/a.js", "changed on the branch\n");
    fixture.commitAll("M003 touches src/a.js although it planned lib/**");
    fixture.git("checkout", "-q", "main");

    QueueReport report = fixture.open().queue();

    assertTrue(report.overlaps().stream().anyMatch(o -> pair(o).equals(List.of("M003", "M004"))
        && o.files().contains("src/a.js")), () -> "overlaps: " + report.overlaps());
    QueueEntry m004 = byId(report).get("M004");
    assertEquals(QueueEntry.Verdict.ELIGIBLE, m004.verdict());
    assertTrue(m004.notes().stream().anyMatch(n -> n.contains("M003") && n.contains("src/a.js")),
        () -> "notes: " + m004.notes());
  }

  @Test
  void plannedGlobsOverlapExpandedFiles() {
    QueueReport report = fixture.open().queue();

    assertTrue(report.overlaps().stream().anyMatch(o -> pair(o).equals(List.of("M002", "M004"))
        && o.files().equals(List.of("src/a.js"))), () -> "overlaps: " + report.overlaps());
  }

  private Map<String, QueueEntry> queue() {
    return byId(fixture.open().queue());
  }

  private static Map<String, QueueEntry> byId(QueueReport report) {
    return report.entries().stream()
        .collect(Collectors.toMap(QueueEntry::id, Function.identity()));
  }

  private static List<String> pair(QueueReport.Overlap overlap) {
    return List.of(overlap.first(), overlap.second()).stream().sorted().toList();
  }
}
