package dev.sf.cli;

import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/** Draws a block of lines in place on a terminal, replacing what it drew before. */
final class LiveBoard {
  private LiveBoard() {}

  static void draw(Terminal terminal, Display display, List<String> lines) {
    Size size = terminal.getSize();
    int columns = size.getColumns() > 0 ? size.getColumns() : 120;
    display.resize(size.getRows() > 0 ? size.getRows() : 50, columns);
    List<AttributedString> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(new AttributedString(Format.truncate(line, columns - 1)));
    }
    display.update(rows, -1);
    terminal.flush();
  }
}
