package dev.sf.core.process;

import dev.sf.spi.LaunchedWorker;
import dev.sf.spi.WorkerSignal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A worker that leads its own process group. Signals go to the whole group through {@link
 * ProcessSignals}. An adopted worker is not a child of this JVM, so its exit code is unknown.
 */
final class ProcessGroupWorker implements LaunchedWorker {
  private final long pid;
  private final Instant startTime;
  private final CompletableFuture<Integer> exit;

  private ProcessGroupWorker(long pid, Instant startTime, CompletableFuture<Integer> exit) {
    this.pid = pid;
    this.startTime = startTime;
    this.exit = exit;
  }

  static ProcessGroupWorker started(Process process) {
    Instant start = ProcessSignals.startTime(process.toHandle()).orElse(Instant.EPOCH);
    return new ProcessGroupWorker(process.pid(), start,
        process.onExit().thenApply(Process::exitValue));
  }

  static Optional<LaunchedWorker> adopt(long pid, Instant startTime) {
    return ProcessSignals.findProcess(pid, startTime)
        .map(handle -> new ProcessGroupWorker(pid, startTime,
            handle.onExit().thenApply(ended -> UNKNOWN_EXIT)));
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public Instant startTime() {
    return startTime;
  }

  @Override
  public CompletableFuture<Integer> onExit() {
    return exit;
  }

  @Override
  public void signal(WorkerSignal signal) {
    ProcessSignals.signalGroups(signal, java.util.List.of(pid));
  }
}
