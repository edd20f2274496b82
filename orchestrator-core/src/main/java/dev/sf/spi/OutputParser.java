package dev.sf.spi;

import java.util.function.Consumer;

/** Parses one worker's output, line by line. */
public interface OutputParser {

  /**
   * Parses one complete line, without its line terminator. Lines that are not in the format must
   * not throw: report them with {@link WorkerOutputEvent.Unrecognized} or ignore them.
   *
   * @param line the line, decoded as UTF-8 with malformed bytes replaced
   * @param events receives the events found in the line, in order
   */
  void parse(String line, Consumer<WorkerOutputEvent> events);
}
