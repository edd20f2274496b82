package dev.sf.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early conflict prediction: while two workers run, the status lists the pair as soon as their
 * branches would conflict, and drops it once they no longer would.
 */
class ConflictPredictionTest {
  private static final String WAITING_WORKER =
      "while [ ! -f ../../parallel/release ]; do\n"
          + "  [ -d ../../parallel ] || exit 9; sleep 0.05\ndone\n";

  @TempDir Path temp;

  @Test
  void statusShowsConflictUntilBranchReverts() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp, "  auto_merge: manual\n")
        .milestone("M002", "")
        .milestone("M004", "")
        .write("src/app.js", "const port = 3000;\nmodule.exports = { port };\n")
        .write("tools/M002.sh", WAITING_WORKER)
        .write("tools/M004.sh", WAITING_WORKER)
        .commitAll("Set up the project");
    Path m002 = project.root.resolve(".sf/worktrees/M002");
    Path m004 = project.root.resolve(".sf/worktrees/M004");

    try (SfProject sf = project.open(); Run run = sf.start(RunOptions.defaults());
        SfProject otherTerminal = project.open()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> running(sf, "M002", "M004"));
      commit(m002, "src/app.js", "const port = 8080;\nmodule.exports = { port };\n");
      commit(m004, "src/notes.md", "unrelated\n");
      commit(m004, "src/app.js", "const port = 9090;\nmodule.exports = { port };\n");

      await().atMost(Duration.ofSeconds(10)).until(() -> !sf.status().predictedConflicts()
          .isEmpty());
      StatusSnapshot local = sf.status();
      assertEquals(List.of("M002 will conflict with M004 on src/app.js"), describe(local));
      StatusSnapshot remote = otherTerminal.status();
      assertTrue(remote.live());
      assertEquals(List.of("M002 will conflict with M004 on src/app.js"), describe(remote));

      ProjectFixture.gitIn(m004, "revert", "--no-edit", "HEAD");
      await().atMost(Duration.ofSeconds(10)).until(() -> sf.status().predictedConflicts()
          .isEmpty());
      assertEquals(List.of(), describe(otherTerminal.status()));

      Files.writeString(project.root.resolve(".sf/parallel/release"), "");
      RunSummary summary = run.completion().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertEquals(0, summary.exitCode());
    }
  }

  @Test
  void statusShowsConflictWithIntegrationBranch() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp, "  auto_merge: manual\n")
        .milestone("M002", "")
        .write("src/app.js", "const port = 3000;\nmodule.exports = { port };\n")
        .write("tools/M002.sh", WAITING_WORKER)
        .commitAll("Set up the project");
    Path m002 = project.root.resolve(".sf/worktrees/M002");

    try (SfProject sf = project.open(); Run run = sf.start(RunOptions.defaults())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> running(sf, "M002"));
      commit(m002, "src/app.js", "const port = 8080;\nmodule.exports = { port };\n");
      commit(project.root, "src/app.js", "const port = 4000;\nmodule.exports = { port };\n");

      await().atMost(Duration.ofSeconds(10)).until(() -> !sf.status().predictedConflicts()
          .isEmpty());
      assertEquals(List.of("M002 will conflict with main on src/app.js"), describe(sf.status()));

      project.git("revert", "--no-edit", "HEAD");
      await().atMost(Duration.ofSeconds(10)).until(() -> sf.status().predictedConflicts()
          .isEmpty());

      Files.writeString(project.root.resolve(".sf/parallel/release"), "");
      RunSummary summary = run.completion().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertEquals(0, summary.exitCode());
    }
  }

  private static boolean running(SfProject sf, String... ids) {
    StatusSnapshot status = sf.status();
    for (String id : ids) {
      if (!status.milestone(id).map(m -> m.state().equals("running")).orElse(false)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> describe(StatusSnapshot status) {
    return status.predictedConflicts().stream().map(StatusSnapshot.PredictedConflict::describe)
        .toList();
  }

  private static void commit(Path worktree, String path, String content) throws Exception {
    Path file = worktree.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    ProjectFixture.gitIn(worktree, "add", path);
    ProjectFixture.gitIn(worktree, "commit", "-q", "-m", "Change " + path);
  }
}
