package dev.sf.core.control;

import java.util.concurrent.CompletionStage;

/**
 * Carries out the requests that a {@link ControlServer} receives. The server calls it from its
 * own threads, several at a time, and sends an error response when the stage does not complete
 * within the server's timeout or completes exceptionally.
 */
@FunctionalInterface
public interface ControlHandler {

  /**
   * Carries out one request.
   *
   * @param request the parsed request
   * @return the response to send back
   */
  CompletionStage<ControlResponse> handle(ControlRequest request);
}
