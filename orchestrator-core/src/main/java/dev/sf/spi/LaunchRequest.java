package dev.sf.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link WorkerLauncher} needs to start one worker.
 *
 * @param milestoneId the milestone the worker works on
 * @param command the argument vector, already substituted; it is never passed through a shell
 * @param workingDirectory the milestone's worktree
 * @param environment variables to add to the inherited environment, including {@code
 *     SF_MILESTONE_LOCK}, {@code SF_WORKTREE} and {@code SF_PLAN_FILE}
 * @param logFile the file that receives standard output and standard error, appended to
 */
public record LaunchRequest(
    String milestoneId,
    List<String> command,
    Path workingDirectory,
    Map<String, String> environment,
    Path logFile) {

  /**
   * Creates the record, copying the collections so that the request is immutable.
   *
   * @param milestoneId the milestone the worker works on
   * @param command the argument vector, already substituted; it is never passed through a shell
   * @param workingDirectory the milestone's worktree
   * @param environment variables to add to the inherited environment, including {@code
   *     SF_MILESTONE_LOCK}, {@code SF_WORKTREE} and {@code SF_PLAN_FILE}
   * @param logFile the file that receives standard output and standard error, appended to
   */
  public LaunchRequest {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }
}
