package dev.sf.core.control;

import dev.sf.core.io.AtomicFiles;
import dev.sf.core.process.ProcessSignals;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that allows one coordinator per project. It is an operating-system file lock on {@code
 * .sf/parallel/coordinator.lock}, so it is released when the process ends, however it ends. While
 * the lock is held, {@code .sf/parallel/coordinator.json} records who holds it (see {@link
 * CoordinatorInfo}); a record whose lock is free is stale, left by a coordinator that died.
 *
 * <p>Within one JVM the lock must be taken through one {@link java.nio.channels.FileChannel} only,
 * because on POSIX systems closing any channel of a file drops every lock the process holds on it.
 * This class therefore keeps a table of the locks held by this JVM and never opens the lock file
 * while it holds the lock.
 */
public final class CoordinatorLock implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoordinatorLock.class);

  /** Locks held by this JVM, keyed by the real path of the lock file. */
  private static final Map<Path, CoordinatorLock> HELD = new ConcurrentHashMap<>();

  private static final int ACQUIRE_ATTEMPTS = 3;
  private static final long ACQUIRE_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final int RECORD_READ_ATTEMPTS = 40;
  private static final long RECORD_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Path lockFile;
  private final Path recordFile;
  private final FileChannel channel;
  private final FileLock lock;
  private final CoordinatorInfo info;
  private boolean closed;

  private CoordinatorLock(
      Path lockFile, Path recordFile, FileChannel channel, FileLock lock, CoordinatorInfo info) {
    this.lockFile = lockFile;
    this.recordFile = recordFile;
    this.channel = channel;
    this.lock = lock;
    this.info = info;
  }

  /**
   * Takes the project's coordinator lock and writes the coordinator record, when no other
   * coordinator (in this JVM or another process) holds it.
   *
   * @param projectRoot the project folder; it must exist
   * @return the lock, or empty when another coordinator holds it
   * @throws ControlException when the lock or record file cannot be written
   */
  public static Optional<CoordinatorLock> tryAcquire(Path projectRoot) {
    Path root = ProjectFiles.realRoot(projectRoot);
    Path lockFile = ProjectFiles.lockFile(root);
    synchronized (HELD) {
      if (HELD.containsKey(lockFile)) {
        log.debug("Coordinator lock '{}' is already held in this process", lockFile);
        return Optional.empty();
      }
      try {
        return lockAndRecord(root, lockFile);
      } catch (IOException e) {
        log.warn("Could not take the coordinator lock '{}'", lockFile, e);
        throw new ControlException(
            "Could not take the coordinator lock '" + lockFile + "': " + e.getMessage()
                + ". Check that the folder is writable.",
            e);
      }
    }
  }

  /**
   * Takes the project's coordinator lock like {@link #tryAcquire}, but throws when another
   * coordinator holds it.
   *
   * @param projectRoot the project folder; it must exist
   * @return the lock
   * @throws CoordinatorRunningException when another coordinator holds the lock; its message names
   *     that coordinator's pid and start time
   * @throws ControlException when the lock or record file cannot be written
   */
  public static CoordinatorLock acquire(Path projectRoot) {
    Optional<CoordinatorLock> lock = tryAcquire(projectRoot);
    if (lock.isPresent()) {
      return lock.get();
    }
    CoordinatorInfo holder =
        holder(projectRoot)
            .orElseThrow(() -> new ControlException(
                "The coordinator lock of '" + projectRoot + "' was busy but is free now. "
                    + "Start the coordinator again."));
    throw new CoordinatorRunningException(holder);
  }

  /**
   * Returns the running coordinator of a project: the lock is held, by this JVM or another
   * process, and the record names a live process. A record left by a coordinator that died is not
   * returned (see {@link #staleRecord}).
   *
   * @param projectRoot the project folder
   * @return the running coordinator, or empty when none runs
   * @throws ControlException when the lock is held but no valid record of a live process appears
   *     within about 200 ms
   */
  public static Optional<CoordinatorInfo> holder(Path projectRoot) {
    Path root = ProjectFiles.realRoot(projectRoot);
    Path lockFile = ProjectFiles.lockFile(root);
    CoordinatorLock mine = HELD.get(lockFile);
    if (mine != null) {
      return Optional.of(mine.info);
    }
    if (!isHeldByAnotherProcess(lockFile)) {
      return Optional.empty();
    }
    return Optional.of(readLiveRecord(lockFile, ProjectFiles.recordFile(root)));
  }

  /**
   * Returns the record of a coordinator that ended without removing it: the record file exists but
   * no process holds the lock.
   *
   * @param projectRoot the project folder
   * @return the stale record, or empty when there is none or a coordinator runs
   * @throws ControlException when a stale record file exists but cannot be read
   */
  public static Optional<CoordinatorInfo> staleRecord(Path projectRoot) {
    Path root = ProjectFiles.realRoot(projectRoot);
    Path lockFile = ProjectFiles.lockFile(root);
    Path recordFile = ProjectFiles.recordFile(root);
    if (HELD.containsKey(lockFile) || isHeldByAnotherProcess(lockFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ProjectFiles.readRecord(recordFile));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | ControlJson.InvalidJsonException e) {
      log.warn("Could not read the stale coordinator record '{}'", recordFile, e);
      throw new ControlException(
          "Could not read the coordinator record '" + recordFile + "': " + e.getMessage()
              + ". No coordinator runs, so the file can be deleted.",
          e);
    }
  }

  /** Returns the record written when this lock was taken. */
  public CoordinatorInfo info() {
    return info;
  }

  /**
   * Removes the record and the control socket, then releases the lock. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      // The record goes first, while the lock is still held, so that it can never delete the
      // record of a coordinator that took the lock after this one.
      deleteQuietly(recordFile);
      deleteQuietly(info.socketPath());
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        log.warn("Could not release the coordinator lock '{}'", lockFile, e);
      } finally {
        HELD.remove(lockFile);
      }
      log.info("Released the coordinator lock of '{}'", info.projectRoot());
    }
  }

  /** Returns the lock this JVM holds for a project, if any. */
  static Optional<CoordinatorLock> heldByThisProcess(Path projectRoot) {
    Path root = ProjectFiles.realRoot(projectRoot);
    return Optional.ofNullable(HELD.get(ProjectFiles.lockFile(root)));
  }

  private static Optional<CoordinatorLock> lockAndRecord(Path root, Path lockFile)
      throws IOException {
    Files.createDirectories(lockFile.getParent());
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock fileLock = null;
    try {
      fileLock = tryLockWithRetries(channel);
      if (fileLock == null) {
        channel.close();
        return Optional.empty();
      }
      CoordinatorInfo info = newRecord(root);
      Path recordFile = ProjectFiles.recordFile(root);
      AtomicFiles.writeString(recordFile, ControlJson.write(info));
      CoordinatorLock lock = new CoordinatorLock(lockFile, recordFile, channel, fileLock, info);
      HELD.put(lockFile, lock);
      log.info("Took the coordinator lock of '{}' (pid {})", root, info.pid());
      return Optional.of(lock);
    } catch (IOException | RuntimeException e) {
      // Closing the channel also releases the lock, if it was taken.
      channel.close();
      throw e;
    }
  }

  /**
   * Tries the lock a few times, because another process that runs {@link #holder} holds it for a
   * moment to find out whether it is free.
   */
  private static FileLock tryLockWithRetries(FileChannel channel) throws IOException {
    for (int attempt = 1; attempt <= ACQUIRE_ATTEMPTS; attempt++) {
      FileLock fileLock = channel.tryLock();
      if (fileLock != null) {
        return fileLock;
      }
      if (attempt < ACQUIRE_ATTEMPTS) {
        LockSupport.parkNanos(ACQUIRE_RETRY_NANOS);
      }
    }
    return null;
  }

  private static CoordinatorInfo newRecord(Path root) {
    ProcessHandle self = ProcessHandle.current();
    return new CoordinatorInfo(
        self.pid(),
        ProcessSignals.startTime(self).orElse(null),
        Instant.now(),
        SocketDirectory.socketPathFor(root),
        CoordinatorLock.class.getPackage().getImplementationVersion(),
        root);
  }

  /**
   * Probes the lock from this process. Callers must first make sure this JVM does not hold it,
   * since closing the probe's channel would drop this JVM's lock.
   */
  private static boolean isHeldByAnotherProcess(Path lockFile) {
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel probe = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock fileLock = probe.tryLock();
      if (fileLock == null) {
        return true;
      }
      fileLock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      // Only code outside this class (or this class loaded twice) can hold it in this JVM.
      log.warn("Coordinator lock '{}' is held in this JVM outside CoordinatorLock", lockFile, e);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      log.warn("Could not probe the coordinator lock '{}'", lockFile, e);
      throw new ControlException(
          "Could not check the coordinator lock '" + lockFile + "': " + e.getMessage()
              + ". Check the permissions of .sf/parallel.",
          e);
    }
  }

  /**
   * Reads the record of a held lock. The holder writes it just after taking the lock, so a
   * missing record, or one that names a dead process, is read again for up to about 200 ms.
   */
  private static CoordinatorInfo readLiveRecord(Path lockFile, Path recordFile) {
    Exception lastProblem = null;
    for (int attempt = 1; attempt <= RECORD_READ_ATTEMPTS; attempt++) {
      try {
        CoordinatorInfo info = ProjectFiles.readRecord(recordFile);
        if (isAlive(info)) {
          return info;
        }
        lastProblem = new IllegalStateException("pid " + info.pid() + " is not running");
      } catch (IOException | ControlJson.InvalidJsonException e) {
        lastProblem = e;
      }
      LockSupport.parkNanos(RECORD_RETRY_NANOS);
    }
    log.warn("Coordinator lock '{}' is held but its record is not usable", lockFile, lastProblem);
    throw new ControlException(
        "The coordinator lock '" + lockFile + "' is held, but the record '" + recordFile
            + "' is missing or names no running process (" + lastProblem.getMessage()
            + "). Try again in a moment; if this persists, run sf doctor.",
        lastProblem);
  }

  private static boolean isAlive(CoordinatorInfo info) {
    if (info.processStart() == null) {
      return ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
    }
    return ProcessSignals.findProcess(info.pid(), info.processStart()).isPresent();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete '{}'", file, e);
    }
  }

  /** Paths and reading of the files under {@code .sf/parallel}. */
  static final class ProjectFiles {
    private ProjectFiles() {}

    static Path realRoot(Path projectRoot) {
      try {
        return projectRoot.toRealPath();
      } catch (IOException e) {
        throw new ControlException(
            "Project folder '" + projectRoot + "' does not exist or cannot be read: "
                + e.getMessage(),
            e);
      }
    }

    static Path lockFile(Path realRoot) {
      return realRoot.resolve(".sf").resolve("parallel").resolve("coordinator.lock");
    }

    static Path recordFile(Path realRoot) {
      return realRoot.resolve(".sf").resolve("parallel").resolve("coordinator.json");
    }

    static CoordinatorInfo readRecord(Path recordFile)
        throws IOException, ControlJson.InvalidJsonException {
      return ControlJson.readInfo(Files.readString(recordFile, StandardCharsets.UTF_8));
    }
  }
}
