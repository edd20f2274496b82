package dev.sf.core.process.output;

import dev.sf.spi.OutputFormat;
import dev.sf.spi.OutputParser;

/** The {@code plain} format: output is only kept in the log and yields no events. */
final class PlainFormat implements OutputFormat {

  static final String NAME = "plain";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OutputParser newParser() {
    return (line, events) -> {};
  }
}
