package dev.sf.benchmarks;

import dev.sf.api.ProjectOptions;
import dev.sf.api.Run;
import dev.sf.api.RunEvent;
import dev.sf.api.RunOptions;
import dev.sf.api.SfProject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A coordinator in a JVM of its own, for memory figures. Usage: {@code CoordinatorProcess REPO
 * SF_HOME WORKERS}. It starts a run that allows {@code WORKERS} workers at once, prints
 * {@code started} when that many run, and stops the run and exits when a line arrives on
 * standard input (or standard input closes).
 */
public final class CoordinatorProcess {

  private CoordinatorProcess() {}

  /**
   * Runs the coordinator until told to stop.
   *
   * @param args the repository, the user preferences folder and the number of workers
   * @throws Exception when the run cannot start or its workers do not start within 5 minutes
   */
  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args[0]);
    Path sfHome = Path.of(args[1]);
    int workers = Integer.parseInt(args[2]);
    CountDownLatch started = new CountDownLatch(workers);
    RunOptions options = RunOptions.builder()
        .listener(event -> {
          if (event instanceof RunEvent.WorkerStarted) {
            started.countDown();
          }
        })
        .build();
    ProjectOptions projectOptions = ProjectOptions.builder()
        .sfHome(sfHome)
        .maxWorkersLimit(Math.max(4, workers))
        .build();
    try (SfProject project = SfProject.open(repo, projectOptions);
        Run run = project.start(options)) {
      if (!started.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("Only " + (workers - started.getCount()) + " of "
            + workers + " workers started within 5 minutes in " + repo);
      }
      System.out.println("started");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      run.close(false);
    }
  }
}
