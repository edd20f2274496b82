package dev.sf.core.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts control requests for one project on a Unix domain socket and sends back, for each, the
 * response of a {@link ControlHandler}. Each connection carries one JSON request line and gets one
 * JSON response line, and then the server closes it. No TCP port is ever opened.
 *
 * <p>The socket lives in a folder that only this user can enter (mode 0700) and is itself mode
 * 0600. Where the platform reports the peer's credentials, connections from another user are
 * rejected as well. Requests are served by a small thread pool, so several clients are served at
 * once. When a handler does not respond within the timeout, the client gets an error response.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

  /** Time a client has to send its request, and a handler has to respond, unless given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final int CONNECTION_THREADS = 4;
  private static final long ACCEPT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Path socketPath;
  private final ServerSocketChannel serverChannel;
  private final ExecutorService connectionPool;
  private final ScheduledExecutorService timer;
  private final ControlConnection.Settings settings;
  private final Thread acceptThread;

  private ControlServer(
      Path socketPath, ServerSocketChannel serverChannel, ControlHandler handler, Duration timeout,
      UserPrincipal owner) {
    this.socketPath = socketPath;
    this.serverChannel = serverChannel;
    this.connectionPool = Executors.newFixedThreadPool(CONNECTION_THREADS, daemon("sf-control-"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("sf-control-timer-"));
    this.settings = new ControlConnection.Settings(handler, timeout, owner, connectionPool, timer);
    this.acceptThread = daemon("sf-control-accept-").newThread(this::acceptLoop);
  }

  /**
   * Starts serving control requests for a project with the {@link #DEFAULT_TIMEOUT}.
   *
   * @param projectRoot the project folder, whose coordinator lock this JVM must hold
   * @param handler carries out each request
   * @return the running server; close it to stop listening and remove the socket
   * @throws ControlException when this JVM does not hold the project's {@link CoordinatorLock},
   *     the socket folder is unsafe, or the socket cannot be created
   */
  public static ControlServer start(Path projectRoot, ControlHandler handler) {
    return start(projectRoot, handler, DEFAULT_TIMEOUT);
  }

  /**
   * Starts serving control requests for a project.
   *
   * @param projectRoot the project folder, whose coordinator lock this JVM must hold
   * @param handler carries out each request
   * @param timeout time a client has to send its request and the handler has to respond
   * @return the running server; close it to stop listening and remove the socket
   * @throws ControlException when this JVM does not hold the project's {@link CoordinatorLock},
   *     the socket folder is unsafe, or the socket cannot be created
   */
  public static ControlServer start(Path projectRoot, ControlHandler handler, Duration timeout) {
    return start(projectRoot, handler, timeout, null);
  }

  /**
   * Starts serving control requests for a project, accepting connections only from {@code
   * owner}, or from the user of this process when {@code owner} is null.
   */
  static ControlServer start(Path projectRoot, ControlHandler handler, Duration timeout,
      UserPrincipal owner) {
    Objects.requireNonNull(handler, "handler");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    CoordinatorLock lock =
        CoordinatorLock.heldByThisProcess(projectRoot)
            .orElseThrow(() -> new ControlException(
                "This process does not hold the coordinator lock of '" + projectRoot
                    + "'. Take it with CoordinatorLock.tryAcquire before starting the server."));
    Path socketPath = lock.info().socketPath();
    SocketDirectory.prepare(socketPath.getParent());
    try {
      UserPrincipal allowed = owner != null ? owner : SocketDirectory.currentUser();
      ServerSocketChannel channel = bind(socketPath);
      ControlServer server = new ControlServer(socketPath, channel, handler, timeout, allowed);
      server.acceptThread.start();
      log.info("Control server listening on '{}' for '{}'", socketPath, lock.info().projectRoot());
      return server;
    } catch (IOException e) {
      log.warn("Could not open the control socket '{}'", socketPath, e);
      throw new ControlException(
          "Could not open the control socket '" + socketPath + "': " + e.getMessage()
              + ". Check the folder '" + socketPath.getParent() + "'.",
          e);
    }
  }

  /** Returns the path of the socket this server listens on. */
  public Path socketPath() {
    return socketPath;
  }

  /**
   * Stops accepting connections, lets requests in progress finish for up to one second, and
   * removes the socket file.
   */
  @Override
  public void close() {
    try {
      serverChannel.close();
    } catch (IOException e) {
      log.warn("Could not close the control socket '{}'", socketPath, e);
    }
    connectionPool.shutdown();
    try {
      if (!connectionPool.awaitTermination(1, TimeUnit.SECONDS)) {
        log.warn("Control requests still running after one second; interrupting them");
        connectionPool.shutdownNow();
      }
      acceptThread.join(TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connectionPool.shutdownNow();
    }
    timer.shutdownNow();
    try {
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      log.warn("Could not delete the control socket '{}'", socketPath, e);
    }
    log.info("Control server on '{}' stopped", socketPath);
  }

  /**
   * Binds the socket. The caller holds the coordinator lock, so a socket file already at this path
   * was left by a coordinator that died and is removed first.
   */
  private static ServerSocketChannel bind(Path socketPath) throws IOException {
    if (Files.deleteIfExists(socketPath)) {
      log.info("Removed the stale control socket '{}'", socketPath);
    }
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(socketPath));
      Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private void acceptLoop() {
    while (serverChannel.isOpen()) {
      SocketChannel client;
      try {
        client = serverChannel.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.warn("Could not accept a control connection on '{}'", socketPath, e);
        LockSupport.parkNanos(ACCEPT_RETRY_NANOS);
        continue;
      }
      try {
        connectionPool.execute(() -> new ControlConnection(client, settings).serve());
      } catch (RejectedExecutionException e) {
        log.warn("Dropped a control connection because the server is stopping", e);
        ControlConnection.closeQuietly(client);
      }
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
