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
final class ProcessTable {

  /**
   * One process from {@code /proc/<pid>/stat}.
   *
   * @param pid the process id
   * @param state the state letter: {@code R}, {@code S}, {@code T} (stopped), {@code Z}, ...
   * @param groupId the process group id
   */
  record Entry(long pid, char state, long groupId) {}

  private ProcessTable() {}

  /** Lists the live processes of a group; zombies count, because they are not reaped yet. */
  static List<Entry> group(long groupId) {
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

  /** Returns true while any process of the group, other than a zombie, exists. */
  static boolean alive(long groupId) {
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
