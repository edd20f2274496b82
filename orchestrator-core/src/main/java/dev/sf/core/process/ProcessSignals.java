package dev.sf.core.process;

import dev.sf.spi.WorkerSignal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals process groups and identifies processes by pid and start time. Java can only signal
 * single processes, so groups are signalled with one {@code kill} command for any number of
 * groups, which keeps a stop of many workers to a single fork.
 */
public final class ProcessSignals {
  private static final Logger log = LoggerFactory.getLogger(ProcessSignals.class);

  private ProcessSignals() {}

  /**
   * Sends {@code signal} to each process group. Groups that no longer exist are ignored.
   *
   * @param signal the signal
   * @param groupIds the process group ids, which equal the workers' pids
   */
  public static void signalGroups(WorkerSignal signal, Collection<Long> groupIds) {
    if (groupIds.isEmpty()) {
      return;
    }
    List<String> argv = new ArrayList<>();
    argv.add("kill");
    argv.add("-" + signal.name());
    argv.add("--");
    for (long group : groupIds) {
      if (group <= 1) {
        throw new IllegalArgumentException("Refusing to signal process group " + group);
      }
      argv.add("-" + group);
    }
    try {
      Process kill = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(10, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        log.warn("kill -{} for process groups {} did not finish within 10 s", signal, groupIds);
      } else if (kill.exitValue() != 0 && !output.contains("No such process")) {
        log.warn("kill -{} for process groups {} exited with {}: {}", signal, groupIds,
            kill.exitValue(), output.strip());
      }
    } catch (IOException e) {
      log.error("Could not run kill -{} for process groups {}", signal, groupIds, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while sending {} to process groups {}", signal, groupIds, e);
    }
  }

  /**
   * Waits until a process started through {@code setsid} leads its own process group. {@code
   * ProcessBuilder.start} returns once {@code setsid} runs, which may be before it has made the
   * group. A group signal sent in between finds no group and is lost.
   *
   * @param process the process, whose pid is the group id to wait for
   * @param timeout how long to wait at most
   * @return true when the group exists, false when the process ended first or time ran out
   */
  public static boolean awaitOwnGroup(Process process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = TimeUnit.MICROSECONDS.toNanos(50);
    while (process.isAlive()) {
      OptionalLong group = groupOf(process.pid());
      if (group.isEmpty() || group.getAsLong() == process.pid()) {
        return group.isPresent();
      }
      if (System.nanoTime() > deadline) {
        log.warn("Timed out after {} ms waiting for pid {} to lead its own process group, so"
            + " pause and stop may miss the processes it starts", timeout.toMillis(),
            process.pid());
        return false;
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(5));
    }
    return false;
  }

  /**
   * Reads the process group of a process from {@code /proc}, or with {@code ps} where there is no
   * {@code /proc}. Returns empty when the process is gone or its group cannot be read.
   */
  static OptionalLong groupOf(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.isDirectory(Path.of("/proc/self"))) {
      try {
        String line = Files.readString(stat);
        // The command name in parentheses may contain spaces, so split after its ')'.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return OptionalLong.of(Long.parseLong(fields[2]));
      } catch (IOException | RuntimeException e) {
        return OptionalLong.empty();
      }
    }
    try {
      Process ps = new ProcessBuilder("ps", "-o", "pgid=", "-p", Long.toString(pid))
          .redirectErrorStream(true).start();
      String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!ps.waitFor(10, TimeUnit.SECONDS) || ps.exitValue() != 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(Long.parseLong(output.strip()));
    } catch (IOException | NumberFormatException e) {
      log.warn("Could not read the process group of pid {}", pid, e);
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /** Returns true when any process of the group is still alive. */
  public static boolean groupAlive(long groupId) {
    try {
      Process kill = new ProcessBuilder("kill", "-0", "--", "-" + groupId)
          .redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      log.warn("Could not check process group {}", groupId, e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Returns the start time of a process, truncated to whole milliseconds. */
  public static Optional<Instant> startTime(ProcessHandle handle) {
    return handle.info().startInstant().map(instant -> instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Finds the live process with this pid whose start time matches the recorded one, so that a
   * reused pid is never taken for the recorded process. The comparison allows for the rounding of
   * start times, which the operating system reports in clock ticks.
   */
  public static Optional<ProcessHandle> findProcess(long pid, Instant recordedStart) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> startTime(handle)
            .map(actual -> Duration.between(actual, recordedStart).abs().toMillis() < 100)
            .orElse(false));
  }
}
