package dev.sf.spi;

/** Signals sent to a worker's whole process group. */
public enum WorkerSignal {
  /** Asks the worker to end; sent first when a worker is stopped. */
  TERM,
  /** Ends the worker at once; sent when it outlives the stop grace period. */
  KILL,
  /** Suspends every process of the worker, so it uses no CPU. */
  STOP,
  /** Resumes a suspended worker. */
  CONT
}
