package dev.sf.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path temp;

  private Path project;
  private CoordinatorLock lock;

  @BeforeEach
  void takeLock() throws IOException {
    project = LongProjectPaths.create(temp);
    lock = CoordinatorLock.tryAcquire(project).orElseThrow();
  }

  @AfterEach
  void releaseLock() {
    lock.close();
  }

  @Test
  void roundTripsEveryCommand() {
    List<ControlRequest> requests = List.of(
        ControlRequest.status(),
        ControlRequest.ping(),
        ControlRequest.stop("M001", false),
        ControlRequest.stop(null, true),
        ControlRequest.pause("M002"),
        ControlRequest.resume(null),
        ControlRequest.merge("M003 Prüfung Ω"));
    try (ControlServer server = ControlServer.start(project, ControlServerTest::echo)) {
      for (ControlRequest request : requests) {
        ControlResponse response = send(request);

        assertTrue(response.ok(), response.message());
        assertEquals(0, response.exitCode());
        assertEquals("done " + request.command().jsonName(), response.message());
        assertEquals(request.command().jsonName(), response.data().path("command").asText());
        assertEquals(request.milestoneId().orElse("all"),
            response.data().path("milestone").asText());
        assertEquals(request.force(), response.data().path("force").asBoolean());
      }
    }
  }

  @Test
  void rejectsPeerOfAnotherUser() throws IOException {
    UserPrincipal other = FileSystems.getDefault().getUserPrincipalLookupService()
        .lookupPrincipalByName("nobody");
    assumeTrue(!other.equals(SocketDirectory.currentUser()), "the tests run as 'nobody'");
    AtomicInteger handled = new AtomicInteger();
    ControlHandler counting = request -> {
      handled.incrementAndGet();
      return echo(request);
    };

    try (ControlServer server = ControlServer.start(project, counting, Duration.ofSeconds(5),
        other)) {
      ControlResponse response = send(ControlRequest.stop(null, true));

      assertMessage(response, "Rejected: only the user who runs the coordinator");
      assertEquals(0, handled.get(), "the handler must not see a rejected request");

      // The server closes before it reads a request larger than the socket buffer, so the
      // client's write fails. The client must still read the rejection.
      ControlResponse large = send(ControlRequest.merge("M" + "1".repeat(4_000_000)));

      assertMessage(large, "Rejected: only the user who runs the coordinator");
    }
  }

  @Test
  void servesTwoClientsAtOnce() throws Exception {
    AtomicInteger arrived = new AtomicInteger();
    CompletableFuture<ControlResponse> bothArrived = new CompletableFuture<>();
    // Each request is answered only when both are inside the handler at the same time.
    ControlHandler handler = request -> {
      if (arrived.incrementAndGet() == 2) {
        bothArrived.complete(ControlResponse.success("together"));
      }
      return bothArrived;
    };
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try (ControlServer server = ControlServer.start(project, handler, Duration.ofSeconds(3))) {
      Future<ControlResponse> first = clients.submit(() -> send(ControlRequest.status()));
      Future<ControlResponse> second = clients.submit(() -> send(ControlRequest.status()));

      assertEquals("together", first.get(10, TimeUnit.SECONDS).message());
      assertEquals("together", second.get(10, TimeUnit.SECONDS).message());
      assertEquals(2, arrived.get());
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void answersMalformedJsonWithError() throws IOException {
    try (ControlServer server = ControlServer.start(project, ControlServerTest::echo)) {
      ControlResponse response = sendRaw(server.socketPath(), "{\"command\": \"status\"\n");

      assertFalse(response.ok());
      assertEquals(2, response.exitCode());
      assertTrue(response.message().startsWith("Invalid JSON in request"), response.message());
      assertTrue(send(ControlRequest.ping()).ok());
    }
  }

  @Test
  void answersInvalidRequestsWithError() throws IOException {
    try (ControlServer server = ControlServer.start(project, ControlServerTest::echo)) {
      Path socket = server.socketPath();

      assertMessage(sendRaw(socket, "{\"command\":\"dance\"}\n"), "Unknown command 'dance'");
      assertMessage(sendRaw(socket, "[1,2]\n"), "The request must be one JSON object");
      assertMessage(sendRaw(socket, "{\"protocol\":7,\"command\":\"ping\"}\n"),
          "Unsupported protocol version 7");
      assertMessage(sendRaw(socket, "{\"command\":\"stop\",\"milestone\":3}\n"),
          "\"milestone\" must be a string or null");
      assertMessage(sendRaw(socket, "{\"command\":\"stop\",\"force\":\"yes\"}\n"),
          "\"force\" must be true or false");
      assertMessage(sendRaw(socket, "\n"), "Request is empty");
      assertMessage(sendRaw(socket, "x".repeat(70_000) + "\n"), "Request is longer than");
    }
  }

  @Test
  void answersHandlerTimeoutWithError() {
    ControlHandler silent = request -> new CompletableFuture<>();
    try (ControlServer server = ControlServer.start(project, silent, Duration.ofMillis(200))) {
      ControlResponse response = send(ControlRequest.stop("M001", false));

      assertFalse(response.ok());
      assertEquals(1, response.exitCode());
      assertTrue(response.message().contains("did not respond to 'stop' within 200 ms"),
          response.message());
    }
  }

  @Test
  void answersHandlerFailureWithError() {
    ControlHandler failing = request -> {
      throw new IllegalStateException("worker table is gone");
    };
    try (ControlServer server = ControlServer.start(project, failing)) {
      ControlResponse response = send(ControlRequest.pause("M001"));

      assertFalse(response.ok());
      assertEquals(1, response.exitCode());
      assertTrue(response.message().contains("worker table is gone"), response.message());
    }
  }

  @Test
  void clientTimesOutOnSilentCoordinator() {
    ControlHandler silent = request -> new CompletableFuture<>();
    try (ControlServer server = ControlServer.start(project, silent)) {
      ControlException e = assertThrows(ControlException.class,
          () -> ControlClient.send(project, ControlRequest.status(), Duration.ofMillis(300)));

      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains("did not respond to 'status' within 300 ms"),
          e.getMessage());
    }
  }

  @Test
  void clientFindsNoCoordinatorAfterClose() {
    ControlServer.start(project, ControlServerTest::echo).close();
    lock.close();

    assertTrue(ControlClient.send(project, ControlRequest.status(), CLIENT_TIMEOUT).isEmpty());
  }

  @Test
  void socketIsPrivateAndShort() throws IOException {
    try (ControlServer server = ControlServer.start(project, ControlServerTest::echo)) {
      Path socket = server.socketPath();

      assertEquals(lock.info().socketPath(), socket);
      assertFalse(socket.startsWith(project.toRealPath()));
      assertTrue(socket.toString().getBytes(StandardCharsets.UTF_8).length
          <= SocketDirectory.MAX_SOCKET_PATH_BYTES, socket.toString());
      assertEquals("rwx------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(socket.getParent(), LinkOption.NOFOLLOW_LINKS)));
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)));
    }
    assertFalse(Files.exists(lock.info().socketPath(), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void replacesStaleSocketFile() throws IOException {
    Path socket = lock.info().socketPath();
    SocketDirectory.prepare(socket.getParent());
    Files.writeString(socket, "left by a coordinator that died");

    try (ControlServer server = ControlServer.start(project, ControlServerTest::echo)) {
      assertTrue(send(ControlRequest.ping()).ok());
    }
  }

  @Test
  void startRequiresLock() {
    lock.close();

    ControlException e = assertThrows(ControlException.class,
        () -> ControlServer.start(project, ControlServerTest::echo));

    assertTrue(e.getMessage().contains("does not hold the coordinator lock"), e.getMessage());
  }

  @Test
  void printsStatusLatency() {
    try (ControlServer server = ControlServer.start(project, ControlServerTest::echo)) {
      send(ControlRequest.status());
      int rounds = 50;
      long start = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        assertTrue(send(ControlRequest.status()).ok());
      }
      double micros = (System.nanoTime() - start) / 1000.0 / rounds;
      // A sanity print only: timing depends on the machine, so nothing is asserted.
      System.out.printf("status round trip: %.0f us on average over %d requests%n",
          micros, rounds);
    }
  }

  private ControlResponse send(ControlRequest request) {
    return ControlClient.send(project, request, CLIENT_TIMEOUT).orElseThrow();
  }

  private static CompletableFuture<ControlResponse> echo(ControlRequest request) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("command", request.command().jsonName());
    data.put("milestone", request.milestoneId().orElse("all"));
    data.put("force", request.force());
    return CompletableFuture.completedFuture(
        ControlResponse.success("done " + request.command().jsonName(), data));
  }

  private static ControlResponse sendRaw(Path socket, String text) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      InputStream in = Channels.newInputStream(channel);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return ControlJson.readResponse(out.toString(StandardCharsets.UTF_8));
    } catch (ControlJson.InvalidJsonException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertMessage(ControlResponse response, String expectedStart) {
    assertFalse(response.ok(), response.message());
    assertEquals(2, response.exitCode(), response.message());
    assertTrue(response.message().startsWith(expectedStart), response.message());
  }
}
