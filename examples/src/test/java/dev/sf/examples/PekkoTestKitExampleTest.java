package dev.sf.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.api.MilestoneStatus;
import dev.sf.api.Run;
import dev.sf.api.RunEvent;
import dev.sf.api.RunOptions;
import dev.sf.api.RunSummary;
import dev.sf.api.SfPekko;
import dev.sf.api.SfProject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a Pekko user tests code that embeds sf: the run's coordinator lives in the testkit's actor
 * system, the workers are small {@code sh} scripts that print sf-events, and a probe receives the
 * run's events.
 */
@ExtendWith(TestKitJUnit5Extension.class)
class PekkoTestKitExampleTest {
  /** A fake worker: one slice, a cost, one commit, then the completion event. */
  private static final String WORKER = """
      #!/bin/sh
      set -eu
      echo '{"sf":"slice","id":"S01","state":"started"}'
      echo "$1 done" > "$1.txt"
      git add "$1.txt"
      git -c user.name=worker -c user.email=worker@sf.invalid commit --quiet -m "$1 S01" >&2
      echo '{"sf":"cost","delta_usd":0.25}'
      echo '{"sf":"slice","id":"S01","state":"done"}'
      echo '{"sf":"complete"}'
      """;

  @JUnit5TestKit ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  @TempDir Path temp;

  @Test
  void runInTestKitSystemMergesBothMilestones() throws Exception {
    Path root = project();
    TestProbe<RunEvent> events = testKit.createTestProbe(RunEvent.class);
    RunOptions options = RunOptions.builder()
        .listener(SfPekko.listener(events.ref()))
        .acceptCommands(false)
        .build();

    try (SfProject project = SfProject.open(root);
        Run run = SfPekko.start(project, testKit.system(), options)) {
      List<RunEvent> seen = events.fishForMessage(Duration.ofSeconds(60),
          event -> event instanceof RunEvent.RunFinished
              ? FishingOutcomes.complete()
              : FishingOutcomes.continueAndCollect());

      assertEquals(new RunEvent.RunFinished(0), seen.get(seen.size() - 1));
      for (String id : List.of("M001", "M002")) {
        assertTrue(seen.contains(new RunEvent.SliceFinished(id, "S01", 1, 1)), id + ": " + seen);
        assertTrue(seen.stream().anyMatch(e -> e instanceof RunEvent.Merged merged
            && merged.milestoneId().equals(id)), id + ": " + seen);
      }
      RunSummary summary = run.completion().toCompletableFuture().join();
      assertEquals(new BigDecimal("0.50"), summary.status().totalUsd());
      assertEquals(List.of("merged", "merged"),
          summary.status().milestones().stream().map(MilestoneStatus::state).toList());
    }
    assertTrue(Files.exists(root.resolve("M001.txt")));
    assertTrue(Files.exists(root.resolve("M002.txt")));
  }

  @Test
  void runEndsWithoutTerminatingTestKitSystem() throws Exception {
    Path root = project();
    TestProbe<Object> watcher = testKit.createTestProbe();

    try (SfProject project = SfProject.open(root);
        Run run = SfPekko.start(project, testKit.system(), RunOptions.defaults())) {
      watcher.expectTerminated(SfPekko.coordinator(run), Duration.ofSeconds(60));

      await().atMost(Duration.ofSeconds(10))
          .until(() -> run.completion().toCompletableFuture().isDone());
    }
    assertFalse(testKit.system().getWhenTerminated().toCompletableFuture().isDone());
    TestProbe<String> stillAlive = testKit.createTestProbe(String.class);
    stillAlive.ref().tell("ping");
    stillAlive.expectMessage("ping");
  }

  /** Creates a project with two independent milestones and the fake worker, on main. */
  private Path project() throws Exception {
    Path root = temp.resolve("project");
    Files.createDirectories(root.resolve(".sf/milestones/M001"));
    Files.createDirectories(root.resolve(".sf/milestones/M002"));
    Files.writeString(root.resolve(".sf/preferences.yaml"), """
        parallel:
          enabled: true
          max_workers: 2
          auto_merge: auto
        worker:
          preset: sf-events
          command: ["sh", "worker.sh", "{milestone}"]
        """);
    for (String id : List.of("M001", "M002")) {
      Files.writeString(root.resolve(".sf/milestones/" + id + "/MILESTONE.md"), """
          ---
          title: Milestone %s
          files: ["%s.txt"]
          slices:
            - {id: S01, title: Only slice}
          ---
          Write %s.txt.
          """.formatted(id, id, id));
    }
    Files.writeString(root.resolve("worker.sh"), WORKER);
    TestRepos.initAndCommit(root);
    return root;
  }
}
