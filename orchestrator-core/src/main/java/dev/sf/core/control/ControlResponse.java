package dev.sf.core.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Answer of a coordinator to one {@link ControlRequest}. On the socket it is one JSON object on
 * one line: {@code {"protocol":1,"ok":true,"message":"...","exit_code":0,"data":{...}}}.
 *
 * @param ok whether the command succeeded
 * @param message one line for the user
 * @param exitCode the exit code the CLI should end with: 0 success, 1 the operation failed, 2
 *     invalid usage
 * @param data structured result, such as the run state for {@code status}; an empty object when
 *     the command has none. The object is shared, so callers must not change it.
 */
public record ControlResponse(boolean ok, String message, int exitCode, ObjectNode data) {

  /** Exit code of a successful command. */
  public static final int EXIT_OK = 0;

  /** Exit code of a command that ran and failed, or got no response. */
  public static final int EXIT_FAILED = 1;

  /** Exit code of an invalid request. */
  public static final int EXIT_USAGE = 2;

  /** Replaces a missing message with an empty one and missing data with an empty object. */
  public ControlResponse {
    message = Objects.requireNonNullElse(message, "");
    data = data == null ? JsonNodeFactory.instance.objectNode() : data;
  }

  /** Creates a successful response with a message and no data. */
  public static ControlResponse success(String message) {
    return new ControlResponse(true, message, EXIT_OK, null);
  }

  /** Creates a successful response with a message and structured data. */
  public static ControlResponse success(String message, ObjectNode data) {
    return new ControlResponse(true, message, EXIT_OK, data);
  }

  /** Creates a failed response with exit code 1. */
  public static ControlResponse failure(String message) {
    return new ControlResponse(false, message, EXIT_FAILED, null);
  }

  /** Creates a failed response for an invalid request, with exit code 2. */
  public static ControlResponse invalid(String message) {
    return new ControlResponse(false, message, EXIT_USAGE, null);
  }
}
