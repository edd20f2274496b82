package dev.sf.core.control;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Record of the coordinator that holds a project's lock, as stored in {@code
 * .sf/parallel/coordinator.json}.
 *
 * @param pid process id of the coordinator
 * @param processStart start time of that process as the operating system reports it, or {@code
 *     null} when unknown; together with the pid it tells the process from a later one that reuses
 *     the pid
 * @param startedAt when the coordinator took the lock
 * @param socketPath the Unix domain socket on which the coordinator accepts control requests
 * @param sfVersion version of sf that runs the coordinator, or {@code null} when unknown
 * @param projectRoot real path of the project folder
 */
public record CoordinatorInfo(
    long pid,
    Instant processStart,
    Instant startedAt,
    Path socketPath,
    String sfVersion,
    Path projectRoot) {

  /** Checks the required fields. */
  public CoordinatorInfo {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(socketPath, "socketPath");
    Objects.requireNonNull(projectRoot, "projectRoot");
  }

  /** Returns the process start time, when the operating system reported one. */
  public Optional<Instant> processStartTime() {
    return Optional.ofNullable(processStart);
  }

  /** Returns the sf version of the coordinator, when known. */
  public Optional<String> version() {
    return Optional.ofNullable(sfVersion);
  }

  /**
   * Returns the message for a user who tries to start a second coordinator, naming this one's pid
   * and start time and the commands that reach it.
   */
  public String alreadyRunningMessage() {
    return "Another coordinator (pid "
        + pid
        + ", started "
        + startedAt
        + ") is running for this project. "
        + "Use sf parallel status, or stop it with sf parallel stop.";
  }
}
