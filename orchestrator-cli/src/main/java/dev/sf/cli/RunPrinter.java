package dev.sf.cli;

import dev.sf.api.Run;
import dev.sf.api.RunEvent;

/** Shows a run's progress while {@code start} runs in the foreground. */
interface RunPrinter extends AutoCloseable {

  /** Called for each run event, on the coordinator's thread; must not block. */
  void onEvent(RunEvent event);

  /** Gives the printer the started run, for status snapshots. */
  default void attach(Run run) {}

  /** Holds drawing while the user answers a prompt. */
  default void suspend() {}

  /** Lets drawing go on after a prompt. */
  default void unsuspend() {}

  @Override
  void close();
}
