package dev.sf.core.process.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.spi.OutputParser;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.Progress;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

  /** Reports every line as a progress message, so tests can see exactly what was read. */
  private static final OutputParser ECHO = (line, events) -> events.accept(new Progress(line));

  @TempDir Path folder;

  private Path log() {
    return folder.resolve("worker.log");
  }

  private void append(String text) throws IOException {
    append(text.getBytes(StandardCharsets.UTF_8));
  }

  private void append(byte[] bytes) throws IOException {
    Files.write(log(), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static List<String> lines(List<WorkerOutputEvent> events) {
    return events.stream().map(event -> event instanceof Progress progress ? progress.message()
        : ((Unrecognized) event).kind()).toList();
  }

  @Test
  void missingFileReadsAsEmpty() throws IOException {
    LogReader reader = new LogReader(log(), 0, ECHO);
    List<WorkerOutputEvent> events = new ArrayList<>();

    assertEquals(0, reader.readAvailable(events::add));
    reader.finish(events::add);

    assertTrue(events.isEmpty());
    assertEquals(0, reader.offset());
  }

  @Test
  void keepsPartialLineUntilItsEndArrives() throws IOException {
    LogReader reader = new LogReader(log(), 0, ECHO);
    List<WorkerOutputEvent> events = new ArrayList<>();
    append("one\ntw");

    assertEquals(1, reader.readAvailable(events::add));
    assertEquals(4, reader.offset());

    append("o\nthree");
    assertEquals(1, reader.readAvailable(events::add));
    assertEquals(8, reader.offset());

    reader.finish(events::add);
    assertEquals(List.of("one", "two", "three"), lines(events));
    assertEquals(13, reader.offset());
  }

  @Test
  void stripsCarriageReturnBeforeLineFeed() throws IOException {
    append("a\r\nb\r\n\r\nc\rd\n");
    List<WorkerOutputEvent> events = new ArrayList<>();

    new LogReader(log(), 0, ECHO).readAvailable(events::add);

    assertEquals(List.of("a", "b", "", "c\rd"), lines(events));
  }

  @Test
  void replacesInvalidUtf8() throws IOException {
    append(new byte[] {'o', 'k', (byte) 0xC3, '\n', (byte) 0xFF, (byte) 0xFE, 'x', '\n'});
    append("caf\u00e9\n");
    List<WorkerOutputEvent> events = new ArrayList<>();

    new LogReader(log(), 0, ECHO).readAvailable(events::add);

    assertEquals(List.of("ok\uFFFD", "\uFFFD\uFFFDx", "caf\u00e9"), lines(events));
  }

  @Test
  void skipsTenMegabyteLineAndReadsOn() throws IOException {
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'x');
    append("before\n");
    append(huge);
    append("\nafter\n");
    LogReader reader = new LogReader(log(), 0, ECHO);
    List<WorkerOutputEvent> events = new ArrayList<>();

    assertEquals(3, reader.readAvailable(events::add));

    assertEquals(List.of("before", "line-too-long", "after"), lines(events));
    assertTrue(((Unrecognized) events.get(1)).detail().contains("10485760 bytes"),
        events.get(1).toString());
    assertEquals(Files.size(log()), reader.offset());
  }

  @Test
  void acceptsLineOfExactlyTheLimit() throws IOException {
    byte[] line = new byte[LogReader.MAX_LINE_BYTES];
    Arrays.fill(line, (byte) 'y');
    append(line);
    append("\n");
    List<WorkerOutputEvent> events = new ArrayList<>();

    new LogReader(log(), 0, ECHO).readAvailable(events::add);

    assertEquals(1, events.size());
    assertEquals(LogReader.MAX_LINE_BYTES, ((Progress) events.get(0)).message().length());
  }

  @Test
  void secondReaderContinuesAtOffset() throws IOException {
    append("one\ntwo\nthr");
    LogReader first = new LogReader(log(), 0, ECHO);
    List<WorkerOutputEvent> firstEvents = new ArrayList<>();
    first.readAvailable(firstEvents::add);
    append("ee\nfour\n");

    LogReader second = new LogReader(log(), first.offset(), ECHO);
    List<WorkerOutputEvent> secondEvents = new ArrayList<>();
    second.readAvailable(secondEvents::add);

    assertEquals(List.of("one", "two"), lines(firstEvents));
    assertEquals(List.of("three", "four"), lines(secondEvents));
  }

  @Test
  void truncatedLogIsReportedAndReadFromStart() throws IOException {
    append("one\ntwo\n");
    LogReader reader = new LogReader(log(), 0, ECHO);
    List<WorkerOutputEvent> events = new ArrayList<>();
    reader.readAvailable(events::add);

    Files.writeString(log(), "new\n");
    reader.readAvailable(events::add);

    assertEquals(List.of("one", "two", "log-truncated", "new"), lines(events));
    assertEquals(4, reader.offset());
  }

  @Test
  void parserFailureBecomesUnrecognized() throws IOException {
    append("boom\nfine\n");
    OutputParser failing = (line, events) -> {
      if (line.equals("boom")) {
        throw new IllegalStateException("bad parser");
      }
      events.accept(new Progress(line));
    };
    List<WorkerOutputEvent> events = new ArrayList<>();

    new LogReader(log(), 0, failing).readAvailable(events::add);

    assertEquals(List.of("parser-error", "fine"), lines(events));
  }

  @Test
  void lineSpanningManyChunksIsJoined() throws IOException {
    String longLine = "z".repeat(300_000);
    append(longLine + "\nend\n");
    List<WorkerOutputEvent> events = new ArrayList<>();

    new LogReader(log(), 0, ECHO).readAvailable(events::add);

    assertEquals(List.of(longLine, "end"), lines(events));
  }
}
