package dev.sf.core.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts control requests, responses and coordinator records to and from single-line JSON.
 * Parsing failures become {@link InvalidJsonException} with a message for the user.
 *
 * <p>What a client process needs (writing a request, reading the coordinator record and a raw
 * response) uses only jackson-core's streaming parser and generator; the object mapper, whose
 * set-up is a large part of the start-up of a short command, is created on first use.
 */
final class ControlJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ControlJson() {}

  /** Signals JSON that is not a valid request, response or record. */
  static final class InvalidJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidJsonException(String message) {
      super(message);
    }

    InvalidJsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The object mapper for the tree model, created on first use. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper();
  }

  static String write(ControlRequest request) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      json.writeNumberField("protocol", ControlRequest.PROTOCOL_VERSION);
      json.writeStringField("command", request.command().jsonName());
      json.writeStringField("milestone", request.milestone());
      json.writeBooleanField("force", request.force());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a request to a string", e);
    }
    return text.toString();
  }

  static String write(ControlResponse response) {
    ObjectNode node = Mapper.INSTANCE.createObjectNode();
    node.put("protocol", ControlRequest.PROTOCOL_VERSION);
    node.put("ok", response.ok());
    node.put("message", response.message());
    node.put("exit_code", response.exitCode());
    node.set("data", response.data());
    return node.toString();
  }

  static String write(CoordinatorInfo info) {
    ObjectNode node = Mapper.INSTANCE.createObjectNode();
    node.put("pid", info.pid());
    node.put("process_start", info.processStart() == null ? null : info.processStart().toString());
    node.put("started_at", info.startedAt().toString());
    node.put("socket", info.socketPath().toString());
    node.put("sf_version", info.sfVersion());
    node.put("project", info.projectRoot().toString());
    return node.toPrettyString() + "\n";
  }

  static ControlRequest readRequest(String line) throws InvalidJsonException {
    JsonNode node = readObject(line, "request");
    checkProtocol(node);
    JsonNode command = node.get("command");
    if (command == null || !command.isTextual()) {
      throw new InvalidJsonException("Request has no \"command\" string: " + abbreviate(line));
    }
    ControlRequest.Command parsed =
        ControlRequest.Command.fromJsonName(command.asText())
            .orElseThrow(() -> new InvalidJsonException(
                "Unknown command '" + command.asText()
                    + "'. Use status, stop, pause, resume, merge or ping."));
    JsonNode milestone = node.get("milestone");
    if (milestone != null && !milestone.isNull() && !milestone.isTextual()) {
      throw new InvalidJsonException("\"milestone\" must be a string or null, got " + milestone);
    }
    JsonNode force = node.get("force");
    if (force != null && !force.isNull() && !force.isBoolean()) {
      throw new InvalidJsonException("\"force\" must be true or false, got " + force);
    }
    String milestoneId = milestone == null || milestone.isNull() ? null : milestone.asText();
    return new ControlRequest(parsed, milestoneId, force != null && force.asBoolean());
  }

  static ControlResponse readResponse(String line) throws InvalidJsonException {
    JsonNode node = readObject(line, "response");
    JsonNode ok = node.get("ok");
    JsonNode exitCode = node.get("exit_code");
    if (ok == null || !ok.isBoolean() || exitCode == null || !exitCode.isInt()) {
      throw new InvalidJsonException(
          "Response lacks a boolean \"ok\" or an integer \"exit_code\": " + abbreviate(line));
    }
    JsonNode message = node.get("message");
    JsonNode data = node.get("data");
    return new ControlResponse(
        ok.asBoolean(),
        message == null || message.isNull() ? "" : message.asText(),
        exitCode.asInt(),
        data instanceof ObjectNode object ? object : null);
  }

  /**
   * Reads a response but leaves its data as JSON text, with the streaming parser only. The checks
   * and messages are those of {@link #readResponse}.
   */
  static RawControlResponse readRawResponse(String line) throws InvalidJsonException {
    Boolean ok = null;
    Integer exitCode = null;
    String message = "";
    String data = "{}";
    try (JsonParser parser = FACTORY.createParser(line)) {
      startObject(parser, line, "response");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "ok" -> ok = value.isBoolean() ? value == JsonToken.VALUE_TRUE : null;
          case "exit_code" -> exitCode = value == JsonToken.VALUE_NUMBER_INT
              && parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : null;
          case "message" -> message = value == JsonToken.VALUE_NULL ? "" : parser.getText();
          case "data" -> data = dataText(parser, line);
          default -> parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw invalidJson("response", line, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read a string", e);
    }
    if (ok == null || exitCode == null) {
      throw new InvalidJsonException(
          "Response lacks a boolean \"ok\" or an integer \"exit_code\": " + abbreviate(line));
    }
    return new RawControlResponse(ok, message, exitCode, data);
  }

  /**
   * Skips the value at the current token and returns its text when it is an object, as the data
   * of a response must be, or else {@code "{}"}, as {@link ControlResponse} replaces missing data.
   */
  private static String dataText(JsonParser parser, String line) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return "{}";
    }
    int start = (int) parser.currentTokenLocation().getCharOffset();
    parser.skipChildren();
    int end = (int) parser.currentLocation().getCharOffset();
    return line.substring(start, end);
  }

  /**
   * Reads a coordinator record with the streaming parser. A field that is missing, null or not a
   * single value reads as empty text, which fails for the fields that must be present.
   */
  static CoordinatorInfo readInfo(String text) throws InvalidJsonException {
    Map<String, String> fields = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      startObject(parser, text, "coordinator record");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          fields.put(field, parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw invalidJson("coordinator record", text, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read a string", e);
    }
    try {
      String processStart = fields.get("process_start");
      return new CoordinatorInfo(
          parseLong(fields.get("pid")),
          processStart == null ? null : Instant.parse(processStart),
          Instant.parse(fields.getOrDefault("started_at", "")),
          Path.of(fields.getOrDefault("socket", "")),
          fields.get("sf_version"),
          Path.of(fields.getOrDefault("project", "")));
    } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
      throw new InvalidJsonException(
          "Coordinator record has an invalid field: " + e.getMessage(), e);
    }
  }

  private static long parseLong(String text) {
    try {
      return text == null ? -1 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Moves {@code parser} into the top-level object, or fails as {@link #readObject} does. */
  private static void startObject(JsonParser parser, String text, String subject)
      throws IOException, InvalidJsonException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new InvalidJsonException(
          "The " + subject + " must be one JSON object, got " + abbreviate(text));
    }
  }

  private static InvalidJsonException invalidJson(String subject, String text,
      JsonProcessingException e) {
    return new InvalidJsonException(
        "Invalid JSON in " + subject + " " + abbreviate(text) + ": " + e.getOriginalMessage(), e);
  }

  private static JsonNode readObject(String text, String subject) throws InvalidJsonException {
    JsonNode node;
    try {
      node = Mapper.INSTANCE.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalidJson(subject, text, e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidJsonException(
          "The " + subject + " must be one JSON object, got " + abbreviate(text));
    }
    return node;
  }

  private static void checkProtocol(JsonNode node) throws InvalidJsonException {
    JsonNode protocol = node.get("protocol");
    if (protocol != null && protocol.asInt(-1) != ControlRequest.PROTOCOL_VERSION) {
      throw new InvalidJsonException(
          "Unsupported protocol version " + protocol + "; this coordinator speaks version "
              + ControlRequest.PROTOCOL_VERSION + ". Use the same sf version as the coordinator.");
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.strip();
    return "'" + (oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine) + "'";
  }
}
