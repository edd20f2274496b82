package dev.sf.core.model;

/** Whether a completed milestone merges without the user. */
public enum AutoMerge {
  /** Merge at once. */
  AUTO("auto"),
  /** Ask in the coordinator's terminal; wait as {@code awaiting-merge} when nobody can answer. */
  CONFIRM("confirm"),
  /** Wait for {@code sf parallel merge}. */
  MANUAL("manual");

  private final String yamlName;

  AutoMerge(String yamlName) {
    this.yamlName = yamlName;
  }

  /** Returns the name used in preferences files. */
  public String yamlName() {
    return yamlName;
  }
}
