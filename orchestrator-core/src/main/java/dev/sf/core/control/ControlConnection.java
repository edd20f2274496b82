package dev.sf.core.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted control connection: checks the peer, reads one request line, passes the request to
 * the handler and writes one response line. Every failure becomes an error response (or, when the
 * connection itself failed, a log entry); none reaches the server's threads.
 */
final class ControlConnection {
  private static final Logger log = LoggerFactory.getLogger(ControlConnection.class);

  /** Maximum length of a request line, in bytes. */
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  /** Input read and dropped after an over-long request before the error response is sent. */
  private static final long MAX_DISCARDED_BYTES = 16L * MAX_REQUEST_BYTES;

  /** Settings shared by every connection of one server. */
  record Settings(
      ControlHandler handler,
      Duration timeout,
      UserPrincipal owner,
      ExecutorService pool,
      ScheduledExecutorService timer) {}

  private final SocketChannel channel;
  private final Settings settings;

  ControlConnection(SocketChannel channel, Settings settings) {
    this.channel = channel;
    this.settings = settings;
  }

  void serve() {
    if (!isSameUser()) {
      respond(ControlResponse.invalid("Rejected: only the user who runs the coordinator may send "
          + "control commands."));
      return;
    }
    String line;
    try {
      line = readRequestLine();
    } catch (RequestException e) {
      log.warn("Rejected a control request: {}", e.getMessage(), e.getCause());
      respond(ControlResponse.invalid(e.getMessage()));
      return;
    }
    ControlRequest request;
    try {
      request = ControlJson.readRequest(line);
    } catch (ControlJson.InvalidJsonException e) {
      log.warn("Rejected a control request: {}", e.getMessage(), e);
      respond(ControlResponse.invalid(e.getMessage()));
      return;
    }
    log.info("Control command '{}' received (milestone {})",
        request.command().jsonName(), request.milestoneId().orElse("all"));
    callHandler(request).whenComplete((response, error) -> respondOnPool(
        toResponse(request, response, error)));
  }

  /** Sends the response from a pool thread, never from the thread that completed the handler. */
  private void respondOnPool(ControlResponse response) {
    try {
      settings.pool().execute(() -> respond(response));
    } catch (RejectedExecutionException e) {
      log.debug("Server is stopping; sending the response from the completing thread", e);
      respond(response);
    }
  }

  private CompletableFuture<ControlResponse> callHandler(ControlRequest request) {
    CompletableFuture<ControlResponse> answer;
    try {
      // A copy, so that the timeout never completes a future the handler may share.
      answer = settings.handler().handle(request).toCompletableFuture().copy();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private ControlResponse toResponse(
      ControlRequest request, ControlResponse response, Throwable error) {
    String command = request.command().jsonName();
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof TimeoutException) {
      log.warn("Control command '{}' got no response within {} ms",
          command, settings.timeout().toMillis(), cause);
      return ControlResponse.failure("The coordinator did not respond to '" + command + "' within "
          + settings.timeout().toMillis() + " ms. It may be busy: try again, or read its log.");
    }
    if (cause != null) {
      log.warn("Control command '{}' failed", command, cause);
      return ControlResponse.failure("The coordinator failed to run '" + command + "': "
          + cause.getMessage());
    }
    if (response == null) {
      log.warn("Control handler returned no response to '{}'", command);
      return ControlResponse.failure("The coordinator returned no response to '" + command + "'.");
    }
    return response;
  }

  /** Checks the peer's user where the platform reports it; where it does not, allows it. */
  private boolean isSameUser() {
    try {
      UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (peer.user().equals(settings.owner())) {
        return true;
      }
      log.warn("Rejected a control connection from user '{}'; only '{}' may connect",
          peer.user().getName(), settings.owner().getName());
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      // NOTE: without SO_PEERCRED only the 0700 folder and 0600 socket keep other users out.
      log.debug("Peer credentials are not available on this platform", e);
      return true;
    }
  }

  /**
   * Reads bytes up to the first newline (or the end of input). A timer closes the channel when the
   * client sends nothing for the whole timeout, so a silent client cannot hold a thread.
   */
  private String readRequestLine() throws RequestException {
    ScheduledFuture<?> deadline = settings.timer().schedule(
        () -> closeQuietly(channel), settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      long total = 0;
      while (total <= MAX_DISCARDED_BYTES) {
        buffer.clear();
        int read = channel.read(buffer);
        if (read < 0) {
          break;
        }
        total += read;
        int newline = indexOfNewline(buffer.array(), read);
        // Past the limit the rest of the line is read and dropped: closing a Unix socket with
        // unread input resets the connection, and the client would lose the error response.
        if (line.size() <= MAX_REQUEST_BYTES) {
          line.write(buffer.array(), 0, newline < 0 ? read : newline);
        }
        if (newline >= 0) {
          break;
        }
      }
      if (line.size() > MAX_REQUEST_BYTES) {
        throw new RequestException(
            "Request is longer than " + MAX_REQUEST_BYTES + " bytes. Send one JSON object "
                + "on one line.", null);
      }
      String text = line.toString(StandardCharsets.UTF_8);
      if (text.isBlank()) {
        throw new RequestException("Request is empty. Send one JSON object on one line, "
            + "such as {\"protocol\":1,\"command\":\"status\"}.", null);
      }
      return text;
    } catch (AsynchronousCloseException e) {
      throw new RequestException(
          "No request arrived within " + settings.timeout().toMillis() + " ms.", e);
    } catch (IOException e) {
      throw new RequestException("Could not read the request: " + e.getMessage(), e);
    } finally {
      deadline.cancel(false);
    }
  }

  private void respond(ControlResponse response) {
    byte[] bytes = (ControlJson.write(response) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      log.warn("Could not send the control response '{}'", response.message(), e);
    } finally {
      closeQuietly(channel);
    }
  }

  private static int indexOfNewline(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("Could not close a control connection", e);
    }
  }

  /** A request that could not be read; the message is sent back to the client. */
  private static final class RequestException extends Exception {
    private static final long serialVersionUID = 1L;

    RequestException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
