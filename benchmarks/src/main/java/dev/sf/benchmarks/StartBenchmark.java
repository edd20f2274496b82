package dev.sf.benchmarks;

import dev.sf.api.ProjectOptions;
import dev.sf.api.Run;
import dev.sf.api.RunEvent;
import dev.sf.api.RunOptions;
import dev.sf.api.SfProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Times starting a run of four milestones on a repository of 2,000 files, from
 * {@code SfProject.open} until four {@link RunEvent.WorkerStarted} events arrived, against the
 * same four {@code git worktree add} calls made by a shell script, one after another and in
 * parallel. Every run works on a fresh copy of the repository; the first sf run of the JVM is a
 * warm-up and is not counted.
 */
final class StartBenchmark {
  private static final int FILES = 2_000;
  private static final int MILESTONES = 4;

  private StartBenchmark() {}

  static List<Figure> run(Path work, int runs) throws Exception {
    BenchProject template = BenchProject.create(work.resolve("start-template"), FILES,
        MILESTONES, MILESTONES);
    List<Long> sf = new ArrayList<>();
    List<Long> serial = new ArrayList<>();
    List<Long> parallel = new ArrayList<>();
    for (int run = -1; run < runs; run++) {
      long sfNanos = timeSf(template.copyTo(work.resolve("start-sf" + run)));
      long serialNanos = Bench.timeShell(template.copyTo(work.resolve("start-serial" + run))
          .root(), addScript(template, false));
      long parallelNanos = Bench.timeShell(template.copyTo(work.resolve("start-par" + run))
          .root(), addScript(template, true));
      if (run >= 0) {
        sf.add(sfNanos);
        serial.add(serialNanos);
        parallel.add(parallelNanos);
      }
    }
    return figures(sf, serial, parallel, runs);
  }

  private static List<Figure> figures(List<Long> sf, List<Long> serial, List<Long> parallel,
      int runs) {
    double sfMs = Bench.medianMillis(sf);
    double serialMs = Bench.medianMillis(serial);
    double parallelMs = Bench.medianMillis(parallel);
    String input = MILESTONES + " milestones, " + FILES + " files, " + runs + " runs";
    String api = "SfProject.open(repo).start(...) until 4 WorkerStarted";
    return List.of(
        new Figure("start 4 workers (sf, in process)", api, input,
            String.format("%.0f ms", sfMs), "-", "-"),
        new Figure("4 x git worktree add, one after another", "sh: 4 git worktree add -b ...",
            input, String.format("%.0f ms", serialMs), "-", "-"),
        new Figure("4 x git worktree add, in parallel", "sh: 4 git worktree add ... &; wait",
            input, String.format("%.0f ms", parallelMs), "-", "-"),
        new Figure("start ratio sf / git one after another", "ratio of the two medians above",
            input, String.format("%.2f", sfMs / serialMs), "<= 1.1",
            Figure.verdict(sfMs / serialMs <= 1.1)),
        new Figure("start ratio sf / git in parallel", "ratio of the two medians above", input,
            String.format("%.2f", sfMs / parallelMs), "-", "-"));
  }

  private static String addScript(BenchProject project, boolean inParallel) {
    StringBuilder script = new StringBuilder("set -e\n");
    for (String id : project.milestones()) {
      script.append("git worktree add -q -b milestone/").append(id)
          .append(" .sf/worktrees/").append(id).append(" main")
          .append(inParallel ? " &\n" : "\n");
    }
    if (inParallel) {
      script.append("wait\n");
    }
    return script.toString();
  }

  private static long timeSf(BenchProject project) throws Exception {
    CountDownLatch started = new CountDownLatch(MILESTONES);
    RunOptions options = RunOptions.builder()
        .acceptCommands(false)
        .listener(event -> {
          if (event instanceof RunEvent.WorkerStarted) {
            started.countDown();
          }
        })
        .build();
    Path sfHome = Files.createDirectories(project.root().resolveSibling("sf-home"));
    long start = System.nanoTime();
    try (SfProject sf = SfProject.open(project.root(),
        ProjectOptions.builder().sfHome(sfHome).build());
        Run run = sf.start(options)) {
      if (!started.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("Only " + (MILESTONES - started.getCount())
            + " of " + MILESTONES + " workers started within 2 minutes in " + project.root());
      }
      long elapsed = System.nanoTime() - start;
      run.close(false);
      return elapsed;
    }
  }
}
