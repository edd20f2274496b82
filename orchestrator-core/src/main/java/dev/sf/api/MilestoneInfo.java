package dev.sf.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A milestone as its {@code MILESTONE.md} describes it.
 *
 * @param id the milestone id
 * @param title the title
 * @param dependsOn milestones that must be complete and merged first
 * @param files planned path globs
 * @param slices the slices, in order
 * @param plan the markdown plan
 * @param file the {@code MILESTONE.md} file
 */
public record MilestoneInfo(String id, String title, List<String> dependsOn, List<String> files,
    List<SliceInfo> slices, String plan, Path file) {

  /**

   * Creates the record, copying the lists so that it is immutable.

   *

   * @param id the milestone id
   * @param title the title
   * @param dependsOn milestones that must be complete and merged first
   * @param files planned path globs
   * @param slices the slices, in order
   * @param plan the markdown plan
   * @param file the {@code MILESTONE.md} file
   */
  public MilestoneInfo {
    dependsOn = List.copyOf(dependsOn);
    files = List.copyOf(files);
    slices = List.copyOf(slices);
  }

  /**
   * One slice of a milestone.
   *
   * @param id the slice id
   * @param title the slice title
   */
  public record SliceInfo(String id, String title) {}
}
