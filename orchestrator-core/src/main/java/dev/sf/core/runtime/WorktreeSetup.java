package dev.sf.core.runtime;

import dev.sf.core.model.Preferences;
import dev.sf.core.process.ProcessSignals;
import dev.sf.errors.SfException;
import dev.sf.spi.WorkerSignal;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code worktree.setup} (for example {@code npm ci}) in a new worktree before its worker
 * starts. The command runs without a shell, in its own process group, with its output appended
 * to the milestone's log; a non-zero exit or a time-out fails the milestone.
 */
final class WorktreeSetup {
  private static final Logger log = LoggerFactory.getLogger(WorktreeSetup.class);
  private static final int TAIL_LINES = 10;

  private WorktreeSetup() {}

  static void run(String milestoneId, Preferences.WorktreeSettings settings, Path worktree,
      Path logFile) {
    List<String> command = settings.setup();
    if (command.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
      List<String> argv = new ArrayList<>();
      argv.add("setsid");
      argv.addAll(command);
      log.info("Running the setup command of milestone {}: {}", milestoneId, command);
      Process process = new ProcessBuilder(argv)
          .directory(worktree.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectErrorStream(true)
          .start();
      boolean ended = process.waitFor(settings.setupTimeoutSeconds(), TimeUnit.SECONDS);
      if (!ended) {
        ProcessSignals.signalGroups(WorkerSignal.KILL, List.of(process.pid()));
        process.waitFor(10, TimeUnit.SECONDS);
        throw new SfException("setup failed: " + command + " timed out after "
            + settings.setupTimeoutSeconds() + " s (worktree.setup_timeout_seconds). Last"
            + " output:\n" + tail(logFile, logStart));
      }
      if (process.exitValue() != 0) {
        throw new SfException("setup failed: " + command + " exited with code "
            + process.exitValue() + ". Last output:\n" + tail(logFile, logStart));
      }
      log.info("Setup command of milestone {} finished", milestoneId);
    } catch (IOException e) {
      throw new SfException("setup failed: " + command + " could not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SfException("setup failed: interrupted while running " + command, e);
    }
  }

  private static String tail(Path logFile, long from) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      long start = Math.max(from, length - 8192);
      byte[] bytes = new byte[(int) (length - start)];
      file.seek(start);
      file.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
      int first = Math.max(0, lines.length - TAIL_LINES);
      return String.join("\n", java.util.Arrays.copyOfRange(lines, first, lines.length));
    }
  }
}
