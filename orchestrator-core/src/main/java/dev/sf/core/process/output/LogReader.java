package dev.sf.core.process.output;

import dev.sf.spi.OutputParser;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one worker log file from a byte offset and hands each complete line to an {@link
 * OutputParser}.
 *
 * <p>Lines end with LF; a CR before the LF is dropped. Bytes are decoded as UTF-8 with malformed
 * input replaced by U+FFFD. A line longer than {@link #MAX_LINE_BYTES} is not parsed: the reader
 * skips it and reports {@code Unrecognized("line-too-long", ...)}. A log that does not exist yet
 * reads as empty.
 *
 * <p>{@link #offset()} is the byte offset just after the last consumed line, so a new reader
 * started at that offset continues exactly where this one stopped. When the file becomes shorter
 * than the position already read, someone truncated or replaced it: the reader reports {@code
 * Unrecognized("log-truncated", ...)} and starts again from offset 0, because the old content is
 * gone and the new content has not been read yet.
 *
 * <p>An instance is not thread-safe; use one per log and thread. It opens the file on each {@link
 * #readAvailable} call and closes it again, so it keeps no file handle open between calls.
 */
public final class LogReader {

  /** Maximum length of a line handed to the parser, in bytes without its terminator: 1 MiB. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);
  private static final int CHUNK_BYTES = 64 * 1024;

  private final Path log;
  private final OutputParser parser;
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
  private byte[] partial = new byte[256];
  private int partialLength;
  private long partialDropped;
  private long consumed;
  private long readPosition;

  /**
   * Creates a reader that starts at {@code startOffset}, which must be the start of a line
   * (normally 0 or the {@link #offset()} of an earlier reader).
   *
   * @param log the log file; it need not exist yet
   * @param startOffset the byte offset to start at
   * @param parser the parser that receives each line
   */
  public LogReader(Path log, long startOffset, OutputParser parser) {
    if (startOffset < 0) {
      throw new IllegalArgumentException(
          "Log offset '" + startOffset + "' for " + log + " is negative; start at 0");
    }
    this.log = Objects.requireNonNull(log, "log");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.consumed = startOffset;
    this.readPosition = startOffset;
  }

  /**
   * Reads what was appended since the last call and hands every complete line to the parser. A
   * partial last line is kept until its end arrives or {@link #finish} is called.
   *
   * @param sink receives the events of the parsed lines, in order
   * @return the number of complete lines read
   * @throws IOException when the log exists but cannot be read
   */
  public int readAvailable(Consumer<WorkerOutputEvent> sink) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(log, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return 0;
    }
    try (channel) {
      long size = channel.size();
      if (size < readPosition) {
        restartAfterTruncation(size, sink);
      }
      int lines = 0;
      while (readPosition < size) {
        chunk.clear();
        int read = channel.read(chunk, readPosition);
        if (read <= 0) {
          break;
        }
        long chunkStart = readPosition;
        readPosition += read;
        lines += scan(chunkStart, read, sink);
      }
      return lines;
    }
  }

  /**
   * Reads what is left and treats a partial last line as complete. Call it once the worker has
   * exited and nothing more will be appended.
   *
   * @param sink receives the events of the parsed lines, in order
   * @throws IOException when the log exists but cannot be read
   */
  public void finish(Consumer<WorkerOutputEvent> sink) throws IOException {
    readAvailable(sink);
    if (partialLength > 0 || partialDropped > 0) {
      emit(partial, 0, partialLength, sink);
      clearPartial();
      consumed = readPosition;
    }
  }

  /**
   * Returns the byte offset just after the last consumed line.
   *
   * @return the offset to start a later reader at
   */
  public long offset() {
    return consumed;
  }

  private int scan(long chunkStart, int length, Consumer<WorkerOutputEvent> sink) {
    byte[] bytes = chunk.array();
    int lines = 0;
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (partialLength == 0 && partialDropped == 0) {
        emit(bytes, start, i - start, sink);
      } else {
        append(bytes, start, i - start);
        emit(partial, 0, partialLength, sink);
        clearPartial();
      }
      consumed = chunkStart + i + 1;
      start = i + 1;
      lines++;
    }
    append(bytes, start, length - start);
    return lines;
  }

  private void emit(byte[] bytes, int offset, int length, Consumer<WorkerOutputEvent> sink) {
    long total = length + partialDropped;
    if (total > MAX_LINE_BYTES) {
      sink.accept(new Unrecognized("line-too-long", "line at byte offset " + consumed + " of "
          + log + " has " + total + " bytes, more than the " + MAX_LINE_BYTES
          + "-byte limit; it was skipped"));
      return;
    }
    int end = offset + length;
    if (end > offset && bytes[end - 1] == '\r') {
      end--;
    }
    String line = new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    try {
      parser.parse(line, sink);
    } catch (RuntimeException e) {
      LOG.warn("Output parser failed on the line at byte offset {} of {}", consumed, log, e);
      sink.accept(new Unrecognized("parser-error", "parser failed at byte offset " + consumed
          + " of " + log + ": " + e));
    }
  }

  private void append(byte[] bytes, int offset, int length) {
    int room = MAX_LINE_BYTES + 1 - partialLength;
    int kept = Math.min(room, length);
    if (kept > 0) {
      if (partialLength + kept > partial.length) {
        int grown = Math.max(partial.length * 2, partialLength + kept);
        partial = Arrays.copyOf(partial, Math.min(grown, MAX_LINE_BYTES + 1));
      }
      System.arraycopy(bytes, offset, partial, partialLength, kept);
      partialLength += kept;
    }
    partialDropped += length - kept;
  }

  private void clearPartial() {
    partialLength = 0;
    partialDropped = 0;
    if (partial.length > CHUNK_BYTES) {
      partial = new byte[256];
    }
  }

  private void restartAfterTruncation(long size, Consumer<WorkerOutputEvent> sink) {
    LOG.warn("Log {} shrank from {} to {} bytes; reading it again from the start",
        log, readPosition, size);
    sink.accept(new Unrecognized("log-truncated", "log " + log + " shrank from " + readPosition
        + " to " + size + " bytes; reading it again from offset 0"));
    clearPartial();
    consumed = 0;
    readPosition = 0;
  }
}
