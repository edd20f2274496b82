package dev.sf.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writers on standard output and error that every command prints through, built as picocli
 * 4.7 builds its defaults: a buffered {@link PrintWriter} that flushes on {@code println}, in the
 * encoding of {@code sun.stdout.encoding} or {@code sun.stderr.encoding} when the JVM sets it
 * and in the default charset otherwise. {@link SfCommand} hands them to picocli and
 * {@link StatusShortcut} uses them directly, so both paths write the same bytes.
 */
final class StandardWriters {
  private static final Logger log = LoggerFactory.getLogger(StandardWriters.class);

  private StandardWriters() {}

  /** Creates a writer on {@link System#out} as it is now. */
  static PrintWriter out() {
    return writer(System.out, System.getProperty("sun.stdout.encoding"));
  }

  /** Creates a writer on {@link System#err} as it is now. */
  static PrintWriter err() {
    return writer(System.err, System.getProperty("sun.stderr.encoding"));
  }

  private static PrintWriter writer(OutputStream stream, String encoding) {
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset(encoding))),
        true);
  }

  /** Returns the charset named {@code name}, with Windows' cp65001 read as UTF-8. */
  static Charset charset(String name) {
    if (name == null) {
      return Charset.defaultCharset();
    }
    try {
      return Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
    } catch (IllegalArgumentException e) {
      log.warn("Unknown console encoding '{}', writing {} instead", name,
          Charset.defaultCharset(), e);
      return Charset.defaultCharset();
    }
  }
}
