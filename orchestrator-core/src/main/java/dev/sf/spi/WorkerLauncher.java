package dev.sf.spi;

import dev.sf.core.process.DefaultWorkerLauncher;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Starts worker processes. The default launcher runs the command directly in its own process
 * group; a tool may supply its own, for example to run each worker inside a container or with
 * extra environment variables.
 *
 * <p>Implementations must send the worker's standard output and standard error to {@link
 * LaunchRequest#logFile()} (appending), so that the worker outlives a crashed coordinator and its
 * output can be read again from the start.
 *
 * <p>A launcher that only adds to the built-in behaviour wraps {@link #standard()}:
 *
 * <pre>{@code
 * WorkerLauncher standard = WorkerLauncher.standard();
 * WorkerLauncher withToken = new WorkerLauncher() {
 *   public LaunchedWorker launch(LaunchRequest request) throws IOException {
 *     Map<String, String> environment = new HashMap<>(request.environment());
 *     environment.put("AGENT_TOKEN", token);
 *     return standard.launch(new LaunchRequest(request.milestoneId(), request.command(),
 *         request.workingDirectory(), environment, request.logFile()));
 *   }
 *
 *   public Optional<LaunchedWorker> adopt(long pid, Instant startTime) {
 *     return standard.adopt(pid, startTime);
 *   }
 * };
 * }</pre>
 */
public interface WorkerLauncher {

  /**
   * Returns the built-in launcher: it starts the command through {@code setsid} in its own
   * process group, appends its output to the log file, signals the whole group, and adopts a
   * recorded process when its pid and start time still match.
   *
   * @return a new built-in launcher
   */
  static WorkerLauncher standard() {
    return new DefaultWorkerLauncher();
  }

  /**
   * Starts one worker.
   *
   * @param request what to run, where, and where its output goes
   * @return a handle on the started worker
   * @throws IOException when the process cannot be started, for example because the command is
   *     not found
   */
  LaunchedWorker launch(LaunchRequest request) throws IOException;

  /**
   * Takes over a worker that an earlier coordinator started and that is still alive.
   *
   * @param pid the process id recorded when the worker started
   * @param startTime the process start time recorded with it, which guards against reused pids
   * @return a handle when that exact process is still running, otherwise empty; the default
   *     implementation returns empty, so a recorded worker that is still alive is not adopted
   */
  default Optional<LaunchedWorker> adopt(long pid, Instant startTime) {
    return Optional.empty();
  }
}
