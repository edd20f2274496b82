package dev.sf.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How a run is started: who hears its events, who confirms merges, whether it takes commands. */
public final class RunOptions {
  private final List<RunListener> listeners;
  private final MergeConfirmation confirmation;
  private final boolean acceptCommands;

  private RunOptions(Builder builder) {
    this.listeners = List.copyOf(builder.listeners);
    this.confirmation = builder.confirmation;
    this.acceptCommands = builder.acceptCommands;
  }

  /**
   * Returns options with no listener, no merge confirmation and commands accepted.
   *
   * @return the defaults
   */
  public static RunOptions defaults() {
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
   * Returns the listeners.
   *
   * @return the listeners
   */
  public List<RunListener> listeners() {
    return listeners;
  }

  /**
   * Returns who confirms merges with {@code auto_merge: confirm}.
   *
   * @return the confirmation, or empty when nobody can answer
   */
  public Optional<MergeConfirmation> confirmation() {
    return Optional.ofNullable(confirmation);
  }

  /**
   * Returns whether other processes may send commands to the run.
   *
   * @return true when commands from {@code sf parallel status|stop|pause|resume|merge} in other
   *     terminals are served
   */
  public boolean acceptCommands() {
    return acceptCommands;
  }

  /** Builds {@link RunOptions}. */
  public static final class Builder {
    private final List<RunListener> listeners = new ArrayList<>();
    private MergeConfirmation confirmation;
    private boolean acceptCommands = true;

    private Builder() {}

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(RunListener listener) {
      listeners.add(listener);
      return this;
    }

    /**
     * Sets who confirms merges.
     *
     * @param mergeConfirmation the confirmation
     * @return this builder
     */
    public Builder confirmation(MergeConfirmation mergeConfirmation) {
      this.confirmation = mergeConfirmation;
      return this;
    }

    /**
     * Sets whether other processes may send commands to the run (true by default).
     *
     * @param accept true to serve commands
     * @return this builder
     */
    public Builder acceptCommands(boolean accept) {
      this.acceptCommands = accept;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
