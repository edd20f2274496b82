package dev.sf.core.runtime;

import dev.sf.core.git.ProjectGit;
import dev.sf.core.model.Milestone;
import dev.sf.core.model.MilestoneStatus;
import dev.sf.core.model.Preferences;
import dev.sf.core.process.output.OutputFormats;
import dev.sf.errors.ConfigException;
import dev.sf.spi.WorkerLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collaborators the actors of one run share. Actors receive it when they are created, never
 * in a message: messages stay plain data.
 *
 * @param projectRoot the project's main working tree
 * @param integrationBranch the branch milestones merge into
 * @param preferences the effective preferences
 * @param milestones every milestone, in dependency order
 * @param git the repository
 * @param launcher starts worker processes
 * @param formats the known worker output formats
 * @param store the run state files
 * @param blocking the executor for processes, git and files
 * @param pollInterval how often worker logs are checked
 * @param confirmer asks the user before a merge when {@code auto_merge} is {@code confirm}
 * @param events receives every runtime event, on the coordinator's thread
 */
public record RuntimeServices(
    Path projectRoot,
    String integrationBranch,
    Preferences preferences,
    List<Milestone> milestones,
    ProjectGit git,
    WorkerLauncher launcher,
    OutputFormats formats,
    RunStore store,
    Executor blocking,
    Duration pollInterval,
    MergeConfirmer confirmer,
    Consumer<RuntimeEvent> events) {
  private static final Logger log = LoggerFactory.getLogger(RuntimeServices.class);

  /** Returns the worktree folder of a milestone. */
  public Path worktree(String milestoneId) {
    return projectRoot.resolve(".sf").resolve("worktrees").resolve(milestoneId);
  }

  /** Returns the branch of a milestone. */
  public static String branch(String milestoneId) {
    return "milestone/" + milestoneId;
  }

  /** Returns true when the milestone's {@code status.yaml} on the integration branch is done. */
  public boolean completeOnIntegrationBranch(String milestoneId) {
    return completeOn(git, projectRoot, integrationBranch, milestoneId);
  }

  /**
   * Returns true when {@code .sf/milestones/<ID>/status.yaml} on {@code branch} is completed.
   * An unreadable status file counts as not completed, with a warning.
   */
  static boolean completeOn(ProjectGit git, Path projectRoot, String branch, String milestoneId) {
    String path = ".sf/milestones/" + milestoneId + "/" + MilestoneStatus.FILE_NAME;
    Optional<String> text = git.readFile(branch, path);
    if (text.isEmpty()) {
      return false;
    }
    try {
      return MilestoneStatus.parse(text.get(), projectRoot.resolve(path)).isCompleted();
    } catch (ConfigException e) {
      log.warn("Ignoring the invalid {} on {}: {}", path, branch, e.getMessage());
      return false;
    }
  }

  /** Finds a milestone by id. */
  public Milestone milestone(String id) {
    return milestones.stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown milestone '" + id + "'"));
  }
}
