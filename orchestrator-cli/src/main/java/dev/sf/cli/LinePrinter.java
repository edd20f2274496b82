package dev.sf.cli;

import dev.sf.api.RunEvent;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Prints one plain line per event, for output that is not a terminal. */
final class LinePrinter implements RunPrinter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintWriter out;

  LinePrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void onEvent(RunEvent event) {
    String line = EventText.describe(event);
    if (line != null) {
      out.println(LocalTime.now().format(TIME) + " " + line);
      out.flush();
    }
  }

  @Override
  public void close() {
    out.flush();
  }
}
