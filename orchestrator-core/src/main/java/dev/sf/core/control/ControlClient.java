package dev.sf.core.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to the running coordinator of a project, from any process of the same user.
 * The socket path comes from the coordinator record, and only a coordinator whose lock is held is
 * contacted.
 */
public final class ControlClient {
  private static final Logger log = LoggerFactory.getLogger(ControlClient.class);

  private ControlClient() {}

  /**
   * Sends {@code request} to the project's coordinator and waits for its response.
   *
   * @param projectRoot the project folder
   * @param request the request
   * @param timeout the maximum time to connect, send and receive the response
   * @return the response, or empty when no coordinator runs for the project
   * @throws ControlException when a coordinator runs but cannot be reached, does not respond within
   *     {@code timeout}, or sends something that is not a response
   */
  public static Optional<ControlResponse> send(
      Path projectRoot, ControlRequest request, Duration timeout) {
    Optional<CoordinatorInfo> holder = CoordinatorLock.holder(projectRoot);
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(send(holder.get(), request, timeout));
  }

  /**
   * Sends {@code request} to {@code coordinator} and reads the response with the streaming parser
   * only, leaving its data as JSON text.
   *
   * @param coordinator the coordinator, as {@link CoordinatorLock#holder} returned it
   * @param request the request
   * @param timeout the maximum time to connect, send and receive the response
   * @return the response
   * @throws ControlException when the coordinator cannot be reached, does not respond within
   *     {@code timeout}, or sends something that is not a response
   */
  public static RawControlResponse sendRaw(
      CoordinatorInfo coordinator, ControlRequest request, Duration timeout) {
    String line = exchange(coordinator, request, timeout);
    try {
      return ControlJson.readRawResponse(line);
    } catch (ControlJson.InvalidJsonException e) {
      throw invalidResponse(coordinator, e);
    }
  }

  private static ControlResponse send(
      CoordinatorInfo coordinator, ControlRequest request, Duration timeout) {
    String line = exchange(coordinator, request, timeout);
    try {
      return ControlJson.readResponse(line);
    } catch (ControlJson.InvalidJsonException e) {
      throw invalidResponse(coordinator, e);
    }
  }

  private static ControlException invalidResponse(CoordinatorInfo coordinator,
      ControlJson.InvalidJsonException e) {
    log.debug("Coordinator pid {} sent an invalid response", coordinator.pid(), e);
    return new ControlException(
        "The coordinator (pid " + coordinator.pid() + ") sent an invalid response: "
            + e.getMessage() + ". Check that it runs the same sf version.",
        e);
  }

  /** Sends {@code request} and returns the response line. */
  private static String exchange(
      CoordinatorInfo coordinator, ControlRequest request, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path socket = coordinator.socketPath();
    String line;
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      // A local connect either succeeds or fails at once, so it needs no timeout of its own.
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.configureBlocking(false);
      try (Selector selector = Selector.open()) {
        byte[] bytes = (ControlJson.write(request) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
          writeAll(channel, selector, ByteBuffer.wrap(bytes), deadline);
        } catch (TimeoutIOException e) {
          throw e;
        } catch (IOException e) {
          // A coordinator that rejects the connection responds and closes without reading the
          // request, so the write can fail although its response is waiting to be read.
          log.debug("Sending to the coordinator pid {} failed; reading its response anyway",
              coordinator.pid(), e);
          channel.keyFor(selector).interestOps(SelectionKey.OP_READ);
        }
        line = readLine(channel, selector, deadline);
      }
    } catch (TimeoutIOException e) {
      log.debug("Coordinator pid {} did not respond to '{}' within {} ms",
          coordinator.pid(), request.command().jsonName(), timeout.toMillis(), e);
      throw new ControlException(
          "The coordinator (pid " + coordinator.pid() + ") did not respond to '"
              + request.command().jsonName() + "' within " + timeout.toMillis()
              + " ms. It may be busy: try again, or read its log.",
          e);
    } catch (IOException e) {
      log.debug("Could not reach the coordinator pid {} on '{}'", coordinator.pid(), socket, e);
      throw new ControlException(
          "Could not reach the coordinator (pid " + coordinator.pid() + ") on '" + socket + "': "
              + e.getMessage() + ". It may still be starting: try again in a moment.",
          e);
    }
    return line;
  }

  private static void writeAll(
      SocketChannel channel, Selector selector, ByteBuffer buffer, long deadline)
      throws IOException {
    SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) == 0) {
        await(selector, deadline);
      }
    }
    key.interestOps(SelectionKey.OP_READ);
  }

  private static String readLine(SocketChannel channel, Selector selector, long deadline)
      throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (true) {
      buffer.clear();
      int read = channel.read(buffer);
      if (read < 0) {
        break;
      }
      if (read == 0) {
        await(selector, deadline);
        continue;
      }
      int newline = indexOfNewline(buffer.array(), read);
      line.write(buffer.array(), 0, newline < 0 ? read : newline);
      if (newline >= 0) {
        break;
      }
    }
    if (line.size() == 0) {
      throw new IOException("the coordinator closed the connection without a response");
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private static void await(Selector selector, long deadline) throws IOException {
    long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
    if (remainingMillis <= 0) {
      throw new TimeoutIOException();
    }
    selector.select(remainingMillis);
    selector.selectedKeys().clear();
  }

  private static int indexOfNewline(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Signals that the deadline passed while waiting for the socket. */
  private static final class TimeoutIOException extends IOException {
    private static final long serialVersionUID = 1L;

    TimeoutIOException() {
      super("timed out");
    }
  }
}
