package dev.sf.core.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@link StatusReport} that a coordinator sends for a {@code status} request, with
 * jackson-core's streaming parser instead of {@link RunStore#json()}'s data binding, whose set-up
 * and reflection on the records was a large part of the start-up of {@code sf parallel status}.
 *
 * <p>It reads what {@code RunStore.json().valueToTree(report)} writes: snake_case keys, instants
 * as ISO-8601 text, unknown keys ignored, missing values as null, zero or false. Decimal numbers
 * become {@code BigDecimal.valueOf(double)}, as they did when the response went through a JSON
 * tree with default settings, so that {@code --json} prints the same digits. Each milestone's
 * cost ledger is left out ({@code null}): it is only needed to read on in a worker's log, and a
 * status is never used for that.
 */
public final class StatusReportJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private StatusReportJson() {}

  /**
   * Reads one report.
   *
   * @param json the report as one JSON object
   * @return the report
   * @throws JsonProcessingException when the text is not JSON or a value has the wrong type or is
   *     missing where the report needs one
   */
  public static StatusReport read(String json) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      parser.nextToken();
      return report(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read a string", e);
    }
  }

  private static StatusReport report(JsonParser parser) throws IOException {
    expect(parser, JsonToken.START_OBJECT);
    RunRecord run = null;
    List<MilestoneRecord> milestones = null;
    boolean live = false;
    boolean budgetReached = false;
    List<ConflictPrediction> conflicts = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "run" -> run = isNull(parser) ? null : run(parser);
        case "milestones" -> milestones = milestones(parser);
        case "live" -> live = bool(parser);
        case "budget_reached" -> budgetReached = bool(parser);
        case "predicted_conflicts" -> conflicts = conflicts(parser);
        default -> parser.skipChildren();
      }
    }
    RunRecord runRecord = run;
    List<MilestoneRecord> records = milestones;
    boolean isLive = live;
    boolean reached = budgetReached;
    List<ConflictPrediction> predicted = conflicts;
    return construct(parser, () -> new StatusReport(runRecord, records, isLive, reached,
        predicted));
  }

  private static RunRecord run(JsonParser parser) throws IOException {
    expect(parser, JsonToken.START_OBJECT);
    String runId = null;
    String branch = null;
    Instant startedAt = null;
    Instant updatedAt = null;
    BigDecimal ceiling = null;
    BigDecimal total = null;
    String budgetState = null;
    Instant finishedAt = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "run_id" -> runId = text(parser);
        case "integration_branch" -> branch = text(parser);
        case "started_at" -> startedAt = instant(parser);
        case "updated_at" -> updatedAt = instant(parser);
        case "budget_ceiling" -> ceiling = decimal(parser);
        case "total_usd" -> total = decimal(parser);
        case "budget_state" -> budgetState = text(parser);
        case "finished_at" -> finishedAt = instant(parser);
        default -> parser.skipChildren();
      }
    }
    return new RunRecord(runId, branch, startedAt, updatedAt, ceiling, total, budgetState,
        finishedAt);
  }

  private static List<MilestoneRecord> milestones(JsonParser parser) throws IOException {
    if (isNull(parser)) {
      return null;
    }
    expect(parser, JsonToken.START_ARRAY);
    List<MilestoneRecord> records = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      records.add(milestone(parser));
    }
    return records;
  }

  private static MilestoneRecord milestone(JsonParser parser) throws IOException {
    expect(parser, JsonToken.START_OBJECT);
    MilestoneFields m = new MilestoneFields();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "id" -> m.id = text(parser);
        case "title" -> m.title = text(parser);
        case "state" -> m.state = text(parser);
        case "reason" -> m.reason = text(parser);
        case "pid" -> m.pid = isNull(parser) ? null : longValue(parser);
        case "process_start" -> m.processStart = instant(parser);
        case "log_file" -> m.logFile = text(parser);
        case "log_offset" -> m.logOffset = isNull(parser) ? 0 : longValue(parser);
        case "cost_usd" -> m.costUsd = decimal(parser);
        case "unpriced_models" -> m.unpricedModels = strings(parser);
        case "slices_done" -> m.slicesDone = strings(parser);
        case "slices_total" -> m.slicesTotal = isNull(parser) ? 0 : intValue(parser);
        case "latest_activity" -> m.latestActivity = text(parser);
        case "started_at" -> m.startedAt = instant(parser);
        case "ended_at" -> m.endedAt = instant(parser);
        case "exit_code" -> m.exitCode = isNull(parser) ? null : intValue(parser);
        case "attempts" -> m.attempts = isNull(parser) ? 0 : intValue(parser);
        case "merged_commit" -> m.mergedCommit = text(parser);
        case "conflict_files" -> m.conflictFiles = strings(parser);
        default -> parser.skipChildren();
      }
    }
    return new MilestoneRecord(m.id, m.title, m.state, m.reason, m.pid, m.processStart,
        m.logFile, m.logOffset, null, m.costUsd, m.unpricedModels, m.slicesDone, m.slicesTotal,
        m.latestActivity, m.startedAt, m.endedAt, m.exitCode, m.attempts, m.mergedCommit,
        m.conflictFiles);
  }

  private static List<ConflictPrediction> conflicts(JsonParser parser) throws IOException {
    if (isNull(parser)) {
      return null;
    }
    expect(parser, JsonToken.START_ARRAY);
    List<ConflictPrediction> conflicts = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      expect(parser, JsonToken.START_OBJECT);
      String first = null;
      String second = null;
      List<String> files = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "first" -> first = text(parser);
          case "second" -> second = text(parser);
          case "files" -> files = strings(parser);
          default -> parser.skipChildren();
        }
      }
      List<String> conflictFiles = files;
      String firstId = first;
      String secondId = second;
      conflicts.add(construct(parser,
          () -> new ConflictPrediction(firstId, secondId, conflictFiles)));
    }
    return conflicts;
  }

  private static List<String> strings(JsonParser parser) throws IOException {
    if (isNull(parser)) {
      return null;
    }
    expect(parser, JsonToken.START_ARRAY);
    List<String> values = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      values.add(text(parser));
    }
    return values;
  }

  private static String text(JsonParser parser) throws IOException {
    if (isNull(parser)) {
      return null;
    }
    if (!parser.currentToken().isScalarValue()) {
      throw mismatch(parser, "text");
    }
    return parser.getText();
  }

  private static Instant instant(JsonParser parser) throws IOException {
    String text = text(parser);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new JsonParseException(parser, "Invalid instant '" + text + "': " + e.getMessage(),
          e);
    }
  }

  private static BigDecimal decimal(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT -> new BigDecimal(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> BigDecimal.valueOf(parser.getDoubleValue());
      default -> throw mismatch(parser, "a number");
    };
  }

  private static long longValue(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(parser, "an integer");
    }
    return parser.getLongValue();
  }

  private static int intValue(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(parser, "an integer");
    }
    return parser.getIntValue();
  }

  private static boolean bool(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE, VALUE_NULL -> false;
      default -> throw mismatch(parser, "true or false");
    };
  }

  private static boolean isNull(JsonParser parser) {
    return parser.currentToken() == JsonToken.VALUE_NULL;
  }

  private static void expect(JsonParser parser, JsonToken token) throws IOException {
    if (parser.currentToken() != token) {
      throw mismatch(parser, token == JsonToken.START_OBJECT ? "an object" : "an array");
    }
  }

  private static JsonParseException mismatch(JsonParser parser, String expected)
      throws IOException {
    return new JsonParseException(parser, "Expected " + expected + " for '"
        + parser.currentName() + "', got " + parser.currentToken());
  }

  /** Runs a record constructor, turning its checks (such as a missing list) into a parse error. */
  private static <T> T construct(JsonParser parser, RecordConstructor<T> constructor)
      throws JsonParseException {
    try {
      return constructor.create();
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new JsonParseException(parser, "Invalid status report: " + e, e);
    }
  }

  /** A record constructor call, for {@link #construct}. */
  private interface RecordConstructor<T> {
    T create();
  }

  /** The fields of one milestone record while they are read. */
  private static final class MilestoneFields {
    String id;
    String title;
    String state;
    String reason;
    Long pid;
    Instant processStart;
    String logFile;
    long logOffset;
    BigDecimal costUsd;
    List<String> unpricedModels;
    List<String> slicesDone;
    int slicesTotal;
    String latestActivity;
    Instant startedAt;
    Instant endedAt;
    Integer exitCode;
    int attempts;
    String mergedCommit;
    List<String> conflictFiles;
  }
}
