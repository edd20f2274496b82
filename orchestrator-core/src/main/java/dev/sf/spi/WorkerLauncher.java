package dev.sf.spi;

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
 */
public interface WorkerLauncher {

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
   * @return a handle when that exact process is still running, otherwise empty
   */
  default Optional<LaunchedWorker> adopt(long pid, Instant startTime) {
    return Optional.empty();
  }
}
