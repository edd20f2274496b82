package dev.sf.cli;

import dev.sf.api.Run;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Handles Ctrl-C during a foreground run: the first stops every worker gracefully and says so,
 * the second kills them. The run then ends normally and prints its summary.
 */
final class Interrupts {
  private static final Logger log = LoggerFactory.getLogger(Interrupts.class);

  private final SignalHandler previous;
  private final Signal signal;

  private Interrupts(Signal signal, SignalHandler previous) {
    this.signal = signal;
    this.previous = previous;
  }

  static Interrupts install(Run run, PrintWriter out) {
    AtomicInteger presses = new AtomicInteger();
    Signal interrupt = new Signal("INT");
    SignalHandler handler = caught -> {
      int count = presses.incrementAndGet();
      if (count == 1) {
        out.println();
        out.println("Stopping every worker gracefully; press Ctrl-C again to kill them.");
        out.flush();
        run.stop(null, false);
      } else {
        out.println("Killing every worker.");
        out.flush();
        run.stop(null, true);
      }
    };
    try {
      return new Interrupts(interrupt, Signal.handle(interrupt, handler));
    } catch (IllegalArgumentException e) {
      log.warn("Cannot handle Ctrl-C here; it will end sf at once", e);
      return new Interrupts(null, null);
    }
  }

  void uninstall() {
    if (signal != null && previous != null) {
      Signal.handle(signal, previous);
    }
  }
}
