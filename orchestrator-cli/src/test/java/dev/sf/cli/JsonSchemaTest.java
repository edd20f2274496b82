package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sf.api.DiffReport;
import dev.sf.api.MilestoneStatus;
import dev.sf.api.PreferenceValue;
import dev.sf.api.QueueEntry;
import dev.sf.api.QueueReport;
import dev.sf.api.StatusSnapshot;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Pins the field names of every {@code --json} document and checks that docs/cli.md describes
 * each one, so that renaming or dropping a field fails here before it breaks a user's script.
 */
class JsonSchemaTest {
  private static final Path CLI_DOC = Path.of("..", "docs", "cli.md");
  private static final Instant AT = Instant.parse("2026-03-02T09:14:05Z");

  @Test
  void statusJsonHasDocumentedFields() throws Exception {
    MilestoneStatus row = new MilestoneStatus("M001", "Authors", "running", null, 1, 3,
        new BigDecimal("0.25"), List.of("gpt-x"), AT, null, 4242L, "running tests", null,
        List.of("src/a.js"), 1);
    StatusSnapshot status = new StatusSnapshot("3ca85302", "main", true, List.of(row),
        new BigDecimal("0.25"), new BigDecimal("5"), "ok",
        List.of(new StatusSnapshot.PredictedConflict("M001", "M002", List.of("src/a.js"))), AT);

    Set<String> fields = fields(CliJson.document("status", status));

    assertEquals(new TreeSet<>(List.of("schema_version", "kind", "run_id",
        "integration_branch", "live", "milestones[]", "milestones[].id", "milestones[].title",
        "milestones[].state", "milestones[].reason", "milestones[].slices_done",
        "milestones[].slices_total", "milestones[].cost_usd", "milestones[].unpriced_models[]",
        "milestones[].started_at", "milestones[].ended_at", "milestones[].pid",
        "milestones[].latest_activity", "milestones[].exit_code",
        "milestones[].conflict_files[]", "milestones[].attempts", "total_usd", "ceiling_usd",
        "budget_state", "predicted_conflicts[]", "predicted_conflicts[].first",
        "predicted_conflicts[].second", "predicted_conflicts[].files[]", "taken_at")), fields);
    assertDocumented("status", fields);
  }

  @Test
  void queueJsonHasDocumentedFields() throws Exception {
    QueueReport queue = new QueueReport(
        List.of(new QueueEntry("M002", "Search", "pending", QueueEntry.Verdict.BLOCKED,
            "blocked by M001", List.of("M001"), List.of("overlaps M003 on src/a.js"))),
        List.of(new QueueReport.Overlap("M002", "M003", List.of("src/a.js"))));

    Set<String> fields = fields(CliJson.document("queue", queue));

    assertEquals(new TreeSet<>(List.of("schema_version", "kind", "entries[]", "entries[].id",
        "entries[].title", "entries[].state", "entries[].verdict", "entries[].reason",
        "entries[].blockers[]", "entries[].notes[]", "overlaps[]", "overlaps[].first",
        "overlaps[].second", "overlaps[].files[]")), fields);
    assertDocumented("queue", fields);
  }

  @Test
  void preferencesJsonHasDocumentedFields() throws Exception {
    PreferenceValue value = new PreferenceValue("parallel.max_workers", "2",
        PreferenceValue.Source.PROJECT_FILE, Path.of("/repo/.sf/preferences.yaml"), 3);

    Set<String> fields = fields(CliJson.document("preferences",
        Map.of("preferences", List.of(value))));

    assertEquals(new TreeSet<>(List.of("schema_version", "kind", "preferences[]",
        "preferences[].key", "preferences[].value", "preferences[].source",
        "preferences[].file", "preferences[].line")), fields);
    assertDocumented("preferences", fields);
  }

  @Test
  void diffJsonHasDocumentedFields() throws Exception {
    DiffReport diff = new DiffReport("M001",
        List.of(new DiffReport.FileChange("src/a.js", "added", 3, 0, false)), 3, 0,
        List.of("src/b.js"), " src/a.js | 3 +++", "diff --git a/src/a.js b/src/a.js");

    Set<String> fields = fields(CliJson.document("diff", diff));

    assertEquals(new TreeSet<>(List.of("schema_version", "kind", "milestone_id", "files[]",
        "files[].path", "files[].change", "files[].added", "files[].removed", "files[].binary",
        "lines_added", "lines_removed", "conflicts[]", "diff_stat", "patch")), fields);
    assertDocumented("diff", fields);
  }

  /** Collects the paths of every field, such as {@code milestones[].id}. */
  private static Set<String> fields(String json) throws Exception {
    Set<String> paths = new TreeSet<>();
    collect(CliJson.mapper().readTree(json), "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String path, Set<String> paths) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        paths.add(child);
        collect(field.getValue(), child, paths);
      }
    } else if (node.isArray()) {
      paths.remove(path);
      paths.add(path + "[]");
      if (node.size() > 0) {
        collect(node.get(0), path + "[]", paths);
      }
    }
  }

  /** Checks that the section of docs/cli.md for {@code kind} has a table row per field. */
  private static void assertDocumented(String kind, Set<String> fields) throws Exception {
    String doc = Files.readString(CLI_DOC);
    String marker = "<!-- schema: " + kind + " -->";
    int start = doc.indexOf(marker);
    assertTrue(start >= 0, "docs/cli.md has no section marked " + marker);
    int end = doc.indexOf("<!-- schema:", start + marker.length());
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    for (String field : fields) {
      assertTrue(section.contains("| `" + field + "` |"),
          "docs/cli.md does not describe the " + kind + " field '" + field + "'");
    }
  }
}
