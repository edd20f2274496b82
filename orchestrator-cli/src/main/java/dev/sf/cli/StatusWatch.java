package dev.sf.cli;

import dev.sf.api.SfProject;
import dev.sf.api.StatusSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/** Redraws the status in place on a terminal with JLine, until the run ends or Ctrl-C. */
final class StatusWatch {
  private final SfProject project;
  private final Duration interval;
  private final int count;

  StatusWatch(SfProject project, Duration interval, int count) {
    this.project = project;
    this.interval = interval;
    this.count = count;
  }

  int run() throws IOException, InterruptedException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      Display display = new Display(terminal, false);
      int shown = 0;
      while (true) {
        StatusSnapshot status = project.status();
        LiveBoard.draw(terminal, display, StatusView.render(status));
        shown++;
        if (!status.live() || count > 0 && shown >= count) {
          terminal.writer().println();
          terminal.flush();
          return 0;
        }
        Thread.sleep(interval.toMillis());
      }
    }
  }
}
