package dev.sf.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads {@code /proc} to find every process of a process group with its scheduler state, so
 * tests can check that a group is gone, or stopped, without relying on the code under test.
 */
public final class ProcessTable {

  /**
   * One process from {@code /proc/<pid>/stat}.
   *
   * @param pid the process id
   * @param state the state letter: {@code R}, {@code S}, {@code T} (stopped), {@code Z}, ...
   * @param groupId the process group id
   */
  public record Entry(long pid, char state, long groupId) {}

  private ProcessTable() {}

  /** Lists the live processes of a group; zombies count, because they are not reaped yet. */
  public static List<Entry> group(long groupId) {
    List<Entry> members = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        Entry process = read(entry.resolve("stat"));
        if (process != null && process.groupId() == groupId) {
          members.add(process);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list /proc", e);
    }
    return members;
  }

  /**
   * Returns true when the group is stopped: some member is in state T and no other can run. A
   * child that exited just as the group stopped stays a zombie (Z) until its stopped parent runs
   * again to reap it. A shell that started a command with {@code vfork} waits in state D until
   * that command execs, which a stopped child never does. Neither uses CPU.
   */
  public static boolean allStopped(long groupId) {
    List<Entry> members = group(groupId);
    return members.stream().anyMatch(p -> p.state() == 'T')
        && members.stream().allMatch(p -> "TZD".indexOf(p.state()) >= 0);
  }

  /** Returns true when the group has members and none of them is stopped. */
  public static boolean noneStopped(long groupId) {
    List<Entry> members = group(groupId);
    return !members.isEmpty() && members.stream().noneMatch(p -> p.state() == 'T');
  }

  /** Returns true while any process of the group, other than a zombie, exists. */
  public static boolean alive(long groupId) {
    return group(groupId).stream().anyMatch(entry -> entry.state() != 'Z');
  }

  private static Entry read(Path statFile) {
    String stat;
    try {
      stat = Files.readString(statFile);
    } catch (IOException e) {
      // The process ended between listing and reading.
      return null;
    }
    // The command name in brackets may contain spaces, so parse after the last ')'.
    int close = stat.lastIndexOf(')');
    String[] fields = stat.substring(close + 2).split(" ");
    long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')));
    return new Entry(pid, fields[0].charAt(0), Long.parseLong(fields[2]));
  }
}
