package dev.sf.core.control;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to a running coordinator. On the socket it is one JSON object on one line, for
 * example {@code {"protocol":1,"command":"stop","milestone":"M001","force":false}}.
 *
 * @param command what the coordinator is asked to do
 * @param milestone the milestone id the command applies to, or {@code null} for all milestones;
 *     {@code status} and {@code ping} ignore it
 * @param force for {@code stop}: kill the workers instead of asking them to end
 */
public record ControlRequest(Command command, String milestone, boolean force) {

  /** Version of the line protocol that this class writes and reads. */
  public static final int PROTOCOL_VERSION = 1;

  /** Commands a coordinator accepts. The JSON name is the lower-case constant name. */
  public enum Command {
    /** Report the state of the run in {@link ControlResponse#data()}. */
    STATUS,
    /** Stop one milestone's worker, or all workers and then the coordinator. */
    STOP,
    /** Pause one milestone's worker, or all of them. */
    PAUSE,
    /** Resume one paused milestone's worker, or all of them. */
    RESUME,
    /** Merge one finished milestone, or every finished one. */
    MERGE,
    /** Check that the coordinator responds, and do nothing else. */
    PING;

    /** Returns the name used in JSON, such as {@code "stop"}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the command with this JSON name, or empty when there is none. */
    static Optional<Command> fromJsonName(String name) {
      for (Command command : values()) {
        if (command.jsonName().equals(name)) {
          return Optional.of(command);
        }
      }
      return Optional.empty();
    }
  }

  /** Checks that a command is given. */
  public ControlRequest {
    Objects.requireNonNull(command, "command");
  }

  /** Creates a {@code status} request. */
  public static ControlRequest status() {
    return new ControlRequest(Command.STATUS, null, false);
  }

  /** Creates a {@code ping} request. */
  public static ControlRequest ping() {
    return new ControlRequest(Command.PING, null, false);
  }

  /**
   * Creates a {@code stop} request.
   *
   * @param milestone the milestone to stop, or {@code null} for all
   * @param force whether to kill the workers instead of asking them to end
   */
  public static ControlRequest stop(String milestone, boolean force) {
    return new ControlRequest(Command.STOP, milestone, force);
  }

  /** Creates a {@code pause} request for one milestone, or all when {@code milestone} is null. */
  public static ControlRequest pause(String milestone) {
    return new ControlRequest(Command.PAUSE, milestone, false);
  }

  /** Creates a {@code resume} request for one milestone, or all when {@code milestone} is null. */
  public static ControlRequest resume(String milestone) {
    return new ControlRequest(Command.RESUME, milestone, false);
  }

  /** Creates a {@code merge} request for one milestone, or all when {@code milestone} is null. */
  public static ControlRequest merge(String milestone) {
    return new ControlRequest(Command.MERGE, milestone, false);
  }

  /** Returns the milestone id, when the request names one. */
  public Optional<String> milestoneId() {
    return Optional.ofNullable(milestone);
  }
}
