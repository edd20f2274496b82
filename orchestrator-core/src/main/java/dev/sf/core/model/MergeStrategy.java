package dev.sf.core.model;

/** When completed work is merged into the integration branch. */
public enum MergeStrategy {
  /** Merge a milestone once, when its worker completes. */
  PER_MILESTONE("per-milestone"),
  /** Merge after every finished slice, while the worker goes on. */
  PER_SLICE("per-slice");

  private final String yamlName;

  MergeStrategy(String yamlName) {
    this.yamlName = yamlName;
  }

  /** Returns the name used in preferences files. */
  public String yamlName() {
    return yamlName;
  }
}
