package dev.sf.core.model;

/** How a merge is recorded on the integration branch. */
public enum MergeStyle {
  /** One new commit per milestone or slice, with one parent. */
  SQUASH("squash"),
  /** A merge commit that keeps the milestone branch's history. */
  MERGE("merge");

  private final String yamlName;

  MergeStyle(String yamlName) {
    this.yamlName = yamlName;
  }

  /** Returns the name used in preferences files. */
  public String yamlName() {
    return yamlName;
  }
}
