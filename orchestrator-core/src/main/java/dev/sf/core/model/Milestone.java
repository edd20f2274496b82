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
    String plan,
    Path file) {

  public Milestone {
    dependsOn = List.copyOf(dependsOn);
    files = List.copyOf(files);
    slices = List.copyOf(slices);
    workerOverrides = Map.copyOf(workerOverrides);
  }

  /**
   * One ordered step inside a milestone.
   *
   * @param id the slice id, unique within the milestone
   * @param title the slice title
   */
  public record Slice(String id, String title) {}
}
