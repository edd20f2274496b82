package dev.sf.core.process.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Shared helpers of the JSON-lines formats: a cheap check whether a line can be a JSON object,
 * tree parsing with one shared {@link ObjectMapper}, and number fields read leniently (a number
 * or a numeric string).
 */
final class JsonLines {

  /** Maximum length of a line excerpt quoted in an {@link Unrecognized} detail. */
  static final int EXCERPT_CHARS = 120;

  /** Accepts {@code NaN} and {@code Infinity} so that they reach the cost checks by name. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private JsonLines() {}

  /** Returns true when the first non-blank character of the line is an opening brace. */
  static boolean looksLikeObject(String line) {
    int length = line.length();
    for (int i = 0; i < length; i++) {
      char c = line.charAt(i);
      if (c == '{') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\uFEFF') {
        return false;
      }
    }
    return false;
  }

  /** Parses a line as a JSON object, or returns empty when it is not valid JSON or no object. */
  static Optional<JsonNode> parseObject(String line) {
    try {
      JsonNode node = MAPPER.readTree(line);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a line that should be one JSON object. A line that does not start like an object is
   * ordinary output and gives empty; one that starts like an object but does not parse is
   * reported as {@code invalid-json} and gives empty too.
   */
  static Optional<JsonNode> parseEvent(String line, Consumer<WorkerOutputEvent> events) {
    if (!looksLikeObject(line)) {
      return Optional.empty();
    }
    Optional<JsonNode> parsed = parseObject(line);
    if (parsed.isEmpty()) {
      events.accept(new Unrecognized(
          "invalid-json", "not a JSON object: '" + excerpt(line) + "'"));
    }
    return parsed;
  }

  /**
   * Reads a decimal field that may be a JSON number or a numeric string.
   *
   * @return the value, or empty when the field is absent or null
   * @throws NumberFormatException when the field is present but not a finite number
   */
  static Optional<BigDecimal> decimal(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      // Floats are read as BigDecimal, so only NaN and Infinity arrive here as doubles.
      if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
        throw new NumberFormatException("not a finite number: " + value);
      }
      return Optional.of(value.decimalValue());
    }
    if (value.isTextual()) {
      return Optional.of(new BigDecimal(value.textValue().trim()));
    }
    throw new NumberFormatException("not a number: " + value);
  }

  /** Reads a whole-number field, or 0 when it is absent, null or not a non-negative number. */
  static long count(JsonNode object, String field) {
    JsonNode value = object == null ? null : object.get(field);
    if (value == null || !value.canConvertToLong() || value.asLong() < 0) {
      return 0;
    }
    return value.asLong();
  }

  /** Reads a text field, or null when it is absent or not text. */
  static String text(JsonNode object, String field) {
    JsonNode value = object == null ? null : object.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** Shortens a line for quoting in a warning. */
  static String excerpt(String line) {
    if (line.length() <= EXCERPT_CHARS) {
      return line;
    }
    return line.substring(0, EXCERPT_CHARS) + "...";
  }
}
