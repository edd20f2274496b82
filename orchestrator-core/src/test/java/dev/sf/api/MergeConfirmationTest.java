package dev.sf.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code auto_merge: confirm}: what the {@link MergeConfirmation} is shown before each merge, and
 * what each answer does to the milestone.
 */
class MergeConfirmationTest {
  private static final String APP = "const port = 3000;\nmodule.exports = { port };\n";

  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource({"yes, merged", "no, completed", "empty, awaiting-merge"})
  void answerDecidesMilestoneState(String answer, String expectedState) throws Exception {
    ProjectFixture project = ProjectFixture.create(temp, "  auto_merge: confirm\n")
        .milestone("M001", "")
        .write("src/app.js", APP)
        .write("tools/M001.sh", changeApp("8080"))
        .commitAll("Set up the project");
    List<MergePrompt> prompts = new CopyOnWriteArrayList<>();
    MergeConfirmation confirmation = prompt -> {
      prompts.add(prompt);
      return answer.equals("empty") ? Optional.empty() : Optional.of(answer.equals("yes"));
    };

    RunSummary summary;
    try (SfProject sf = project.open();
        Run run = sf.start(RunOptions.builder().confirmation(confirmation).build())) {
      summary = run.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    assertEquals(0, summary.exitCode());
    assertEquals(expectedState, summary.status().milestone("M001").orElseThrow().state());
    assertEquals(1, prompts.size());
    String mainApp = project.git("show", "main:src/app.js");
    assertEquals(answer.equals("yes") ? APP.replace("3000", "8080") : APP, mainApp);
  }

  @Test
  void promptShowsDiffStatCostAndConflict() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp, "  auto_merge: confirm\n")
        .milestone("M001", "")
        .milestone("M002", "")
        .write("src/app.js", APP)
        .write("tools/M001.sh", changeApp("8080"))
        .write("tools/M002.sh", changeApp("9090")
            + "while [ ! -f ../../parallel/release ]; do\n"
          + "  [ -d ../../parallel ] || exit 9; sleep 0.05\ndone\n")
        .commitAll("Set up the project");
    List<MergePrompt> prompts = new CopyOnWriteArrayList<>();
    MergeConfirmation yes = prompt -> {
      prompts.add(prompt);
      return Optional.of(true);
    };

    RunSummary summary;
    try (SfProject sf = project.open();
        Run run = sf.start(RunOptions.builder().confirmation(yes).build())) {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> sf.status().milestone("M001").orElseThrow().state().equals("merged"));
      Files.writeString(project.root.resolve(".sf/parallel/release"), "");
      summary = run.completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    assertEquals(2, prompts.size());
    MergePrompt first = prompts.get(0);
    assertEquals("M001", first.milestoneId());
    assertEquals("Milestone M001", first.title());
    assertEquals(0, new BigDecimal("0.25").compareTo(first.costUsd()));
    assertEquals(List.of(), first.conflicts());
    String statusFile = ".sf/milestones/M001/status.yaml";
    int statusLines = project.git("show", "main:" + statusFile).split("\n").length;
    assertEquals(String.join("\n",
        " " + statusFile + " | " + statusLines + " " + "+".repeat(statusLines) + " (added)",
        " src/app.js" + " ".repeat(statusFile.length() - "src/app.js".length())
            + " | 2 +- (modified)",
        " 2 files changed, " + (statusLines + 1) + " insertions(+), 1 deletion(-)"),
        first.diffStat());

    MergePrompt second = prompts.get(1);
    assertEquals("M002", second.milestoneId());
    assertEquals(List.of("src/app.js"), second.conflicts());
    assertTrue(second.diffStat().contains(" src/app.js"), second.diffStat());
    assertEquals("conflict", summary.status().milestone("M002").orElseThrow().state());
  }

  /** Returns worker steps that set the port in src/app.js and commit it. */
  private static String changeApp(String port) {
    return "sed -i 's/3000/" + port + "/' src/app.js\n"
        + "git commit -q -am 'Use port " + port + "'\n";
  }
}
