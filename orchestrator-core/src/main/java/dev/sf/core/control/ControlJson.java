package dev.sf.core.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Converts control requests, responses and coordinator records to and from single-line JSON.
 * Parsing failures become {@link InvalidJsonException} with a message for the user.
 */
final class ControlJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

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

  static String write(ControlRequest request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("protocol", ControlRequest.PROTOCOL_VERSION);
    node.put("command", request.command().jsonName());
    node.put("milestone", request.milestone());
    node.put("force", request.force());
    return node.toString();
  }

  static String write(ControlResponse response) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("protocol", ControlRequest.PROTOCOL_VERSION);
    node.put("ok", response.ok());
    node.put("message", response.message());
    node.put("exit_code", response.exitCode());
    node.set("data", response.data());
    return node.toString();
  }

  static String write(CoordinatorInfo info) {
    ObjectNode node = MAPPER.createObjectNode();
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

  static CoordinatorInfo readInfo(String text) throws InvalidJsonException {
    JsonNode node = readObject(text, "coordinator record");
    try {
      return new CoordinatorInfo(
          node.path("pid").asLong(-1),
          optionalInstant(node.get("process_start")),
          Instant.parse(node.path("started_at").asText()),
          Path.of(node.path("socket").asText()),
          node.hasNonNull("sf_version") ? node.get("sf_version").asText() : null,
          Path.of(node.path("project").asText()));
    } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
      throw new InvalidJsonException(
          "Coordinator record has an invalid field: " + e.getMessage(), e);
    }
  }

  private static Instant optionalInstant(JsonNode node) {
    return node == null || node.isNull() ? null : Instant.parse(node.asText());
  }

  private static JsonNode readObject(String text, String what) throws InvalidJsonException {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException(
          "Invalid JSON in " + what + " " + abbreviate(text) + ": " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidJsonException(
          "The " + what + " must be one JSON object, got " + abbreviate(text));
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
