package dev.sf.cli;

import dev.sf.api.Run;
import dev.sf.api.RunEvent;
import dev.sf.api.StatusSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Display;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a live board of the workers on a terminal: the status table, redrawn in place four
 * times a second, with the latest events below it.
 */
final class BoardPrinter implements RunPrinter {
  private static final Logger log = LoggerFactory.getLogger(BoardPrinter.class);
  private static final int EVENT_LINES = 6;

  private final PrintWriter out;
  private final Deque<String> events = new ArrayDeque<>();
  private final ScheduledExecutorService redraw = Executors.newSingleThreadScheduledExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "sf-board");
        thread.setDaemon(true);
        return thread;
      });
  private Terminal terminal;
  private Display display;
  private Run run;
  private boolean suspended;
  private boolean closed;

  BoardPrinter(PrintWriter out) {
    this.out = out;
    try {
      terminal = TerminalBuilder.builder().system(true).build();
      display = new Display(terminal, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the terminal for the live board", e);
    }
  }

  @Override
  public synchronized void onEvent(RunEvent event) {
    String line = EventText.describe(event);
    if (line != null) {
      events.addLast(line);
      while (events.size() > EVENT_LINES) {
        events.removeFirst();
      }
    }
  }

  @Override
  public void attach(Run started) {
    this.run = started;
    redraw.scheduleWithFixedDelay(this::draw, 0, 250, TimeUnit.MILLISECONDS);
  }

  private void draw() {
    try {
      StatusSnapshot status = run.status().toCompletableFuture().get(2, TimeUnit.SECONDS);
      List<String> lines = new ArrayList<>(StatusView.render(status));
      synchronized (this) {
        if (suspended || closed) {
          return;
        }
        lines.add("");
        lines.addAll(events);
        lines.add("Ctrl-C stops every worker gracefully; a second Ctrl-C kills them.");
        LiveBoard.draw(terminal, display, lines);
      }
    } catch (Exception e) {
      log.debug("Redrawing the board failed", e);
    }
  }

  @Override
  public synchronized void suspend() {
    suspended = true;
    terminal.writer().println();
    terminal.flush();
  }

  @Override
  public synchronized void unsuspend() {
    suspended = false;
    display.clear();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    redraw.shutdownNow();
    try {
      terminal.writer().println();
      terminal.flush();
      terminal.close();
    } catch (IOException e) {
      log.warn("Closing the terminal failed", e);
    }
    out.flush();
  }
}
