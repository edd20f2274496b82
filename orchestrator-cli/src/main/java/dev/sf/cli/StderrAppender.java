package dev.sf.cli;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Writes each log event to standard error as {@code HH:mm:ss.SSS LEVEL logger - message}, then
 * the stack trace if there is one. It produces the same lines as a {@code PatternLayout} with
 * {@code %d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n}, but without the pattern parser and its
 * converter registry, which cost a short command such as {@code sf parallel status} about a tenth
 * of a second of start-up (measured on a 2-core machine with OpenJDK 17 and Logback 1.6). The
 * formatting classes load only when the first event is written.
 */
final class StderrAppender extends AppenderBase<ILoggingEvent> {
  private static final int LOGGER_NAME_LENGTH = 24;

  private TargetLengthBasedClassNameAbbreviator abbreviator;

  @Override
  protected void append(ILoggingEvent event) {
    if (abbreviator == null) {
      abbreviator = new TargetLengthBasedClassNameAbbreviator(LOGGER_NAME_LENGTH);
    }
    LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()),
        ZoneId.systemDefault());
    StringBuilder line = new StringBuilder(128);
    appendPadded(line, time.getHour(), 2).append(':');
    appendPadded(line, time.getMinute(), 2).append(':');
    appendPadded(line, time.getSecond(), 2).append('.');
    appendPadded(line, time.getNano() / 1_000_000, 3).append(' ');
    String level = event.getLevel().toString();
    line.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
    line.append(abbreviator.abbreviate(event.getLoggerName())).append(" - ");
    line.append(event.getFormattedMessage()).append(System.lineSeparator());
    IThrowableProxy throwable = event.getThrowableProxy();
    if (throwable != null) {
      line.append(ThrowableProxyUtil.asString(throwable)).append(System.lineSeparator());
    }
    // System.err is looked up on each event so that tests that replace it see the output.
    PrintStream err = System.err;
    err.print(line);
    err.flush();
  }

  private static StringBuilder appendPadded(StringBuilder line, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      line.append('0');
    }
    return line.append(digits);
  }
}
