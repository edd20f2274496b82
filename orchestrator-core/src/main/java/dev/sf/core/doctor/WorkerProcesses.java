package dev.sf.core.doctor;

import dev.sf.core.process.ProcessSignals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds a live worker by its worktree when its record is lost: the worker is the leader of its
 * own process group (sf starts it with {@code setsid}) and runs with the worktree as working
 * directory. Reads {@code /proc}, so it finds nothing on systems without it.
 */
final class WorkerProcesses {
  private WorkerProcesses() {}

  /**
   * A live process.
   *
   * @param pid its pid, which is also its process group id
   * @param start its start time
   */
  record Found(long pid, Instant start) {}

  static Optional<Found> inWorktree(Path worktree) {
    if (!Files.isDirectory(Path.of("/proc")) || !Files.isDirectory(worktree)) {
      return Optional.empty();
    }
    Path target = real(worktree);
    return ProcessHandle.allProcesses()
        .filter(process -> isGroupLeader(process.pid()))
        .filter(process -> target.equals(real(Path.of("/proc", Long.toString(process.pid()),
            "cwd"))))
        .flatMap(process -> ProcessSignals.startTime(process)
            .map(start -> new Found(process.pid(), start)).stream())
        .findFirst();
  }

  /** Reads the process group id, the fifth field of {@code /proc/<pid>/stat}. */
  private static boolean isGroupLeader(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name in brackets may contain spaces, so fields are counted after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]) == pid;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException | SecurityException e) {
      return Path.of("/nonexistent");
    }
  }
}
