package dev.sf.spi;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A running worker process, as started or adopted by a {@link WorkerLauncher}. */
public interface LaunchedWorker {

  /**
   * Returns the operating system process id of the worker.
   *
   * @return the pid
   */
  long pid();

  /**
   * Returns the start time the operating system reports for the process; together with the pid it
   * identifies the process even after the pid is reused.
   *
   * @return the start time
   */
  Instant startTime();

  /**
   * Returns a future that completes with the exit code when the worker process ends. For an
   * adopted process, whose exit code cannot be known, it completes with {@link #UNKNOWN_EXIT}.
   *
   * @return the exit future
   */
  CompletableFuture<Integer> onExit();

  /**
   * Sends a signal to the worker and every process it started.
   *
   * @param signal the signal
   */
  void signal(WorkerSignal signal);

  /** Exit code reported when the real exit code of the process cannot be known. */
  int UNKNOWN_EXIT = -1;
}
