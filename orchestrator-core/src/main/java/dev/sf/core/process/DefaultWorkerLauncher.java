package dev.sf.core.process;

import dev.sf.spi.LaunchRequest;
import dev.sf.spi.LaunchedWorker;
import dev.sf.spi.WorkerLauncher;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each worker directly (never through a shell) in a process group of its own, with {@code
 * setsid} as the first word of the argument vector, so that signals sent to the group reach every
 * process the worker starts, double-forked grandchildren included. The group id equals the
 * worker's pid. {@link #launch} returns only once {@code setsid} has made that group, so that a
 * pause or stop sent at once reaches it.
 */
public final class DefaultWorkerLauncher implements WorkerLauncher {
  private static final Logger log = LoggerFactory.getLogger(DefaultWorkerLauncher.class);
  private static final Duration GROUP_TIMEOUT = Duration.ofSeconds(5);

  @Override
  public LaunchedWorker launch(LaunchRequest request) throws IOException {
    Map<String, String> environment = new java.util.HashMap<>(System.getenv());
    environment.putAll(request.environment());
    String executable = resolveExecutable(request.command().get(0), request.workingDirectory(),
        environment.get("PATH"));
    List<String> argv = new ArrayList<>();
    argv.add(setsid());
    argv.add(executable);
    argv.addAll(request.command().subList(1, request.command().size()));

    Files.createDirectories(request.logFile().toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(argv)
        .directory(request.workingDirectory().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(request.logFile().toFile()))
        .redirectErrorStream(true);
    builder.environment().putAll(request.environment());
    Process process = builder.start();
    ProcessSignals.awaitOwnGroup(process, GROUP_TIMEOUT);
    ProcessGroupWorker worker = ProcessGroupWorker.started(process);
    log.info("Started worker for milestone {} as pid {}: {}", request.milestoneId(),
        worker.pid(), request.command());
    return worker;
  }

  @Override
  public Optional<LaunchedWorker> adopt(long pid, Instant startTime) {
    return ProcessGroupWorker.adopt(pid, startTime);
  }

  /**
   * Finds the executable the way {@code execvp} would, so that a missing command fails here with a
   * clear message instead of as exit code 127 from {@code setsid}.
   */
  static String resolveExecutable(String command, Path workingDirectory, String path)
      throws IOException {
    if (command.isEmpty()) {
      throw new IOException("The worker command is empty. Set worker.command in the preferences.");
    }
    if (command.contains("/")) {
      Path candidate = workingDirectory.resolve(command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
      throw new IOException("Command '" + command + "' was not found or is not executable"
          + " (looked in " + workingDirectory + "). Check worker.command.");
    }
    if (path != null) {
      for (String folder : path.split(File.pathSeparator)) {
        if (folder.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(folder, command);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    throw new IOException("Command '" + command + "' was not found on the PATH. Install it or"
        + " set worker.command to its full path.");
  }

  private static String setsid() throws IOException {
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IOException("The 'setsid' command was not found in /usr/bin or /bin; sf needs it"
        + " (package util-linux) to give each worker its own process group.");
  }
}
