package dev.sf.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One milestone, as read from {@code .sf/milestones/<id>/MILESTONE.md}.
 *
 * @param id the milestone id, which is also its folder name
 * @param title the title from the front matter, or the id when there is none
 * @param dependsOn ids of milestones that must be complete and merged first
 * @param files globs of the paths it plans to touch
 * @param slices its ordered slices
 * @param workerOverrides the raw {@code worker} map of the front matter, applied over the
 *     preferences' worker section; empty when absent
 * @param worktreeOverrides the checked {@code worktree} map of the front matter ({@code copy},
 *     {@code setup}, {@code setup_timeout_seconds}), applied key by key over the preferences'
 *     worktree section; empty when absent
 * @param plan the markdown body after the front matter
 * @param file the path of {@code MILESTONE.md}
 */
public record Milestone(
    String id,
    String title,
    List<String> dependsOn,
    List<String> files,
    List<Slice> slices,
    Map<String, Object> workerOverrides,
    Map<String, Object> worktreeOverrides,
    String plan,
    Path file) {

  public Milestone {
    dependsOn = List.copyOf(dependsOn);
    files = List.copyOf(files);
    slices = List.copyOf(slices);
    workerOverrides = Map.copyOf(workerOverrides);
    worktreeOverrides = Map.copyOf(worktreeOverrides);
  }

  /** Creates a milestone without a {@code worktree} override. */
  public Milestone(String id, String title, List<String> dependsOn, List<String> files,
      List<Slice> slices, Map<String, Object> workerOverrides, String plan, Path file) {
    this(id, title, dependsOn, files, slices, workerOverrides, Map.of(), plan, file);
  }

  /**
   * Returns the worktree settings of this milestone: {@code defaults} with each key of the
   * front matter's {@code worktree} map put in its place.
   *
   * @param defaults the preferences' {@code worktree} section
   * @return the effective settings
   */
  @SuppressWarnings("unchecked")
  public Preferences.WorktreeSettings worktreeSettings(Preferences.WorktreeSettings defaults) {
    List<String> copy = (List<String>) worktreeOverrides.getOrDefault("copy", defaults.copy());
    List<String> setup = (List<String>) worktreeOverrides.getOrDefault("setup", defaults.setup());
    int timeout = (Integer) worktreeOverrides.getOrDefault("setup_timeout_seconds",
        defaults.setupTimeoutSeconds());
    return new Preferences.WorktreeSettings(copy, setup, timeout);
  }

  /**
   * One ordered step inside a milestone.
   *
   * @param id the slice id, unique within the milestone
   * @param title the slice title
   */
  public record Slice(String id, String title) {}
}
