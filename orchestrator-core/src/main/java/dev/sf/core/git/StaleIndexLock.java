package dev.sf.core.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes a {@code .git/index.lock} that no process holds open. A coordinator killed
 * while a merge updated the project's index leaves this file behind, and every later merge then
 * fails with "Cannot lock .git/index". A lock that a running git process holds is never touched;
 * where {@code /proc} is not available nothing is removed.
 */
public final class StaleIndexLock {
  private static final Logger log = LoggerFactory.getLogger(StaleIndexLock.class);

  private StaleIndexLock() {}

  /**
   * Removes the index lock of the repository at {@code root} when it exists and no process has
   * it open.
   *
   * @return the removed file, or empty when there was none or it is in use
   */
  public static Optional<Path> removeIfAbandoned(Path root) {
    Path lock = root.resolve(".git").resolve("index.lock");
    if (!Files.isRegularFile(lock)) {
      return Optional.empty();
    }
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("self").resolve("fd"))) {
      log.warn("{} exists, and without /proc sf cannot tell whether a git process uses it;"
          + " remove it yourself when no git command runs", lock);
      return Optional.empty();
    }
    if (openByAnyProcess(proc, lock)) {
      log.info("{} is held by a running process; leaving it", lock);
      return Optional.empty();
    }
    try {
      Files.deleteIfExists(lock);
      log.warn("Removed {}, which no process held: a process that was updating the index died",
          lock);
      return Optional.of(lock);
    } catch (IOException e) {
      log.warn("Could not remove the abandoned {}", lock, e);
      return Optional.empty();
    }
  }

  private static boolean openByAnyProcess(Path proc, Path lock) {
    Path target = lock.toAbsolutePath().normalize();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc,
        entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path process : processes) {
        if (holds(process.resolve("fd"), target)) {
          return true;
        }
      }
    } catch (IOException e) {
      log.warn("Could not list the processes in /proc; keeping {}", lock, e);
      return true;
    }
    return false;
  }

  private static boolean holds(Path fds, Path target) {
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(fds)) {
      for (Path descriptor : descriptors) {
        try {
          if (Files.readSymbolicLink(descriptor).equals(target)) {
            return true;
          }
        } catch (IOException e) {
          // The descriptor was closed while listing; it holds nothing.
        }
      }
    } catch (IOException e) {
      // The process ended, or its descriptors are not ours to read.
    }
    return false;
  }
}
