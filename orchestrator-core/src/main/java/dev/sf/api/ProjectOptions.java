package dev.sf.api;

import dev.sf.spi.OutputFormat;
import dev.sf.spi.WorkerLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a project is opened: where user preferences live, preference overrides, and the extension
 * points. Build one with {@link #builder()}; {@link #defaults()} suits most callers.
 */
public final class ProjectOptions {
  private final Path sfHome;
  private final Map<String, String> overrides;
  private final WorkerLauncher launcher;
  private final List<OutputFormat> outputFormats;
  private final int maxWorkersLimit;
  private final Duration pollInterval;

  private ProjectOptions(Builder builder) {
    this.sfHome = builder.sfHome;
    this.overrides = Map.copyOf(builder.overrides);
    this.launcher = builder.launcher;
    this.outputFormats = List.copyOf(builder.outputFormats);
    this.maxWorkersLimit = builder.maxWorkersLimit;
    this.pollInterval = builder.pollInterval;
  }

  /**
   * Returns the default options: user preferences from {@code SF_HOME} or {@code ~/.sf}, no
   * overrides, the built-in launcher and formats.
   *
   * @return the defaults
   */
  public static ProjectOptions defaults() {
    return builder().build();
  }

  /**
   * Starts building options.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the folder of the user preferences file.
   *
   * @return the folder, or empty for {@code SF_HOME} or {@code ~/.sf}
   */
  public Optional<Path> sfHome() {
    return Optional.ofNullable(sfHome);
  }

  /**
   * Returns preference overrides by dotted key; they win over both files.
   *
   * @return the overrides
   */
  public Map<String, String> overrides() {
    return overrides;
  }

  /**
   * Returns the worker launcher, if one was given.
   *
   * @return the launcher, or empty for the built-in one
   */
  public Optional<WorkerLauncher> launcher() {
    return Optional.ofNullable(launcher);
  }

  /**
   * Returns output formats added to the built-in ones.
   *
   * @return the extra formats
   */
  public List<OutputFormat> outputFormats() {
    return outputFormats;
  }

  /**
   * Returns the largest {@code parallel.max_workers} the preferences may set.
   *
   * @return the limit, 4 unless raised
   */
  public int maxWorkersLimit() {
    return maxWorkersLimit;
  }

  /**
   * Returns how often worker logs are read.
   *
   * @return the interval
   */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** Builds {@link ProjectOptions}. */
  public static final class Builder {
    private Path sfHome;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private WorkerLauncher launcher;
    private final List<OutputFormat> outputFormats = new ArrayList<>();
    private int maxWorkersLimit = 4;
    private Duration pollInterval = Duration.ofMillis(25);

    private Builder() {}

    /**
     * Sets the folder of the user preferences file, in place of {@code SF_HOME} or {@code
     * ~/.sf}.
     *
     * @param folder the folder
     * @return this builder
     */
    public Builder sfHome(Path folder) {
      this.sfHome = folder;
      return this;
    }

    /**
     * Overrides one preference, as a command-line flag would.
     *
     * @param key the dotted key, such as {@code parallel.max_workers}
     * @param value the value as it would be written in YAML
     * @return this builder
     */
    public Builder override(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /**
     * Sets how worker processes start, for example inside a container.
     *
     * @param workerLauncher the launcher
     * @return this builder
     */
    public Builder launcher(WorkerLauncher workerLauncher) {
      this.launcher = workerLauncher;
      return this;
    }

    /**
     * Adds a worker output format, usable by name in {@code worker.output}.
     *
     * @param format the format
     * @return this builder
     */
    public Builder outputFormat(OutputFormat format) {
      outputFormats.add(format);
      return this;
    }

    /**
     * Raises or lowers the largest {@code parallel.max_workers} accepted (4 by default).
     *
     * @param limit the limit, at least 1
     * @return this builder
     */
    public Builder maxWorkersLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("maxWorkersLimit must be at least 1, got " + limit);
      }
      this.maxWorkersLimit = limit;
      return this;
    }

    /**
     * Sets how often worker logs are read (25 ms by default).
     *
     * @param interval the interval
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public ProjectOptions build() {
      return new ProjectOptions(this);
    }
  }
}
