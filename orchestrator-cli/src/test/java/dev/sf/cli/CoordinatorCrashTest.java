package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.doctor.ProjectFixture;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.RunRecord;
import dev.sf.core.runtime.RunStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the coordinator JVM with SIGKILL at seeded random moments of four-worker runs and checks
 * that a new {@code start} finishes each run with every commit merged, the cost equal to what the
 * worker logs report, and no worker process left.
 */
@Tag("fault")
class CoordinatorCrashTest {
  /** Kill points over all runs; {@code -Dsf.fault.points=N} changes it. */
  private static final int KILL_POINTS = Integer.getInteger("sf.fault.points", 20);
  private static final int KILLS_PER_RUN = 4;
  private static final int MAX_DELAY_MS = 2500;
  private static final long SEED = 20261204L;

  @TempDir
  Path temp;

  @Test
  void runCompletesAfterCoordinatorKills() throws Exception {
    Random random = new Random(SEED);
    int points = 0;
    int runs = 0;
    List<String> timeline = new ArrayList<>();
    while (points < KILL_POINTS) {
      ProjectFixture project = ProjectFixture.create(temp.resolve("run" + runs), 4, "0.3");
      Path root = project.root();
      Path output = temp.resolve("run" + runs + ".out");
      Set<Long> workerGroups = new TreeSet<>();
      for (int kill = 0; kill < KILLS_PER_RUN && points < KILL_POINTS; kill++) {
        Process coordinator = CliProcesses.start(output, "-C", root.toString(), "parallel",
            "start", "--yes");
        if (!CliProcesses.awaitLock(coordinator, root, output)) {
          timeline.add("run " + runs + ": already complete at restart");
          break;
        }
        int delay = random.nextInt(MAX_DELAY_MS);
        await().pollDelay(Duration.ofMillis(delay)).atMost(Duration.ofMillis(delay + 1000))
            .until(() -> true);
        if (!coordinator.isAlive()) {
          timeline.add("run " + runs + ": finished before " + delay + " ms");
          break;
        }
        CliProcesses.kill9(coordinator);
        points++;
        timeline.add("run " + runs + ": killed after " + delay + " ms");
        CliProcesses.collectWorkerPids(root, workerGroups);
      }
      Process last = CliProcesses.start(output, "-C", root.toString(), "parallel", "start",
          "--yes");
      int exitCode = CliProcesses.exitCode(last, Duration.ofMinutes(3), output);
      CliProcesses.collectWorkerPids(root, workerGroups);

      assertEquals(0, exitCode, () -> timeline + "\n" + CliProcesses.read(output));
      assertRunComplete(project, timeline, output);
      assertEquals(List.of(), CliProcesses.liveGroups(workerGroups), timeline::toString);
      runs++;
    }
  }

  private static void assertRunComplete(ProjectFixture project, List<String> timeline,
      Path output) throws IOException {
    Path root = project.root();
    RunStore store = new RunStore(root);
    Map<String, MilestoneRecord> records = store.loadMilestones();
    for (String id : List.of("M001", "M002", "M003", "M004")) {
      assertEquals("merged", records.get(id).state(), () -> id + " " + timeline + "\n"
          + CliProcesses.read(output));
      for (int slice = 1; slice <= 3; slice++) {
        String file = "work-" + id + "-" + slice + ".txt";
        assertEquals("slice " + slice + " of " + id + "\n", project.git("show", "main:" + file),
            file);
      }
    }
    BigDecimal logged = loggedCost(store);
    BigDecimal recorded = records.values().stream().map(MilestoneRecord::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    RunRecord run = store.load().orElseThrow().run();
    assertEquals(0, logged.compareTo(recorded), () -> "logs " + logged + ", records "
        + recorded + " " + timeline);
    assertEquals(0, logged.compareTo(run.totalUsd()), () -> "logs " + logged + ", run.json "
        + run.totalUsd() + " " + timeline);
  }

  /** Sums every cost delta the workers printed, reruns included. */
  static BigDecimal loggedCost(RunStore store) throws IOException {
    BigDecimal total = BigDecimal.ZERO;
    try (Stream<Path> logs = Files.list(store.parallelDir().resolve("logs"))) {
      for (Path log : logs.toList()) {
        long deltas = Files.readAllLines(log).stream()
            .filter(line -> line.contains("\"delta_usd\"")).count();
        total = total.add(new BigDecimal(ProjectFixture.SLICE_COST)
            .multiply(BigDecimal.valueOf(deltas)));
      }
    }
    return total;
  }
}
