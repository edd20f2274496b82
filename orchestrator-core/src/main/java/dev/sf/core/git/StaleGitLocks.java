package dev.sf.core.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes git lock files that no process holds open. A coordinator killed while a
 * merge moved the integration branch or updated the project's index leaves {@code
 * refs/heads/<branch>.lock} or {@code index.lock} behind, and every later merge then fails to
 * lock them. The files looked at are {@code index.lock}, {@code HEAD.lock}, {@code
 * packed-refs.lock} and every {@code .lock} file under {@code refs/heads}. A lock that a running
 * process holds open is never touched. Where {@code /proc} is not available nothing is removed.
 *
 * <p>Call this only while holding the coordinator lock, so that no other sf process is in the
 * middle of an update.
 */
public final class StaleGitLocks {
  private static final Logger log = LoggerFactory.getLogger(StaleGitLocks.class);

  private StaleGitLocks() {}

  /**
   * Removes the lock files of the repository at {@code root} that exist and that no process has
   * open.
   *
   * @param root the project root, whose {@code .git} is a folder
   * @return the removed files, empty when there were none or all are in use
   */
  public static List<Path> removeAbandoned(Path root) {
    List<Path> candidates = candidates(root.resolve(".git"));
    if (candidates.isEmpty()) {
      return List.of();
    }
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("self").resolve("fd"))) {
      log.warn("Lock files {} exist, and without /proc sf cannot tell whether a git process"
          + " uses them. Remove them yourself when no git command runs.", candidates);
      return List.of();
    }
    Set<Path> open = openFiles(proc);
    if (open == null) {
      return List.of();
    }
    List<Path> removed = new ArrayList<>();
    for (Path lock : candidates) {
      if (open.contains(lock.toAbsolutePath().normalize())) {
        log.info("Leaving {} because a running process has it open", lock);
        continue;
      }
      try {
        Files.deleteIfExists(lock);
        log.warn("Removed {} because no process has it open: a process that was updating the"
            + " repository ended before it finished", lock);
        removed.add(lock);
      } catch (IOException e) {
        log.warn("Could not remove the abandoned lock file {}", lock, e);
      }
    }
    return removed;
  }

  private static List<Path> candidates(Path gitDir) {
    List<Path> locks = new ArrayList<>();
    for (String name : List.of("index.lock", "HEAD.lock", "packed-refs.lock")) {
      Path lock = gitDir.resolve(name);
      if (Files.isRegularFile(lock)) {
        locks.add(lock);
      }
    }
    Path heads = gitDir.resolve("refs").resolve("heads");
    if (Files.isDirectory(heads)) {
      try (Stream<Path> files = Files.walk(heads)) {
        files.filter(file -> file.getFileName().toString().endsWith(".lock"))
            .filter(Files::isRegularFile)
            .forEach(locks::add);
      } catch (IOException e) {
        log.warn("Could not list the branch lock files under {}", heads, e);
      }
    }
    return locks;
  }

  /** Returns the files any process has open, or null when {@code /proc} cannot be listed. */
  private static Set<Path> openFiles(Path proc) {
    Set<Path> open = new HashSet<>();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc,
        entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path process : processes) {
        addOpenFiles(process.resolve("fd"), open);
      }
    } catch (IOException e) {
      log.warn("Could not list the processes in /proc, so no lock file is removed", e);
      return null;
    }
    return open;
  }

  private static void addOpenFiles(Path descriptors, Set<Path> open) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(descriptors)) {
      for (Path descriptor : entries) {
        try {
          open.add(Files.readSymbolicLink(descriptor));
        } catch (IOException e) {
          // The descriptor was closed while listing, so it refers to nothing.
        }
      }
    } catch (IOException e) {
      // The process ended, or its descriptors belong to another user.
    }
  }
}
