package dev.sf.core.process.preset;

import java.util.List;
import java.util.Map;

/**
 * The command, format and environment of one milestone's worker, after presets, preferences
 * and the milestone's override are applied and placeholders are substituted.
 *
 * @param command the argument vector, never empty; run without a shell
 * @param outputFormat the output format name, such as {@code claude-stream-json}
 * @param env environment variables to add to the worker's environment, including {@code
 *     SF_MILESTONE_LOCK}, {@code SF_WORKTREE} and {@code SF_PLAN_FILE}
 * @param stopGraceSeconds seconds between SIGTERM and SIGKILL when stopping
 */
public record ResolvedWorker(
    List<String> command, String outputFormat, Map<String, String> env, int stopGraceSeconds) {

  /** Copies the collections so that the value cannot change. */
  public ResolvedWorker {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }
}
