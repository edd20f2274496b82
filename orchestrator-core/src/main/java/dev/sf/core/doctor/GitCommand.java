package dev.sf.core.doctor;

import dev.sf.errors.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the git command for the few checks that JGit and the git facade do not cover. */
final class GitCommand {
  private GitCommand() {}

  /**
   * The output of one git command.
   *
   * @param exitCode the exit code
   * @param stdout standard output
   * @param stderr standard error
   */
  record Result(int exitCode, String stdout, String stderr) {}

  static Result run(Path directory, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, true));
      String stdout = read(process, false);
      return new Result(process.waitFor(), stdout, stderr.join());
    } catch (IOException e) {
      throw new GitException("Running git " + String.join(" ", args) + " in " + directory
          + " failed: " + e.getMessage() + ". Check that git is installed.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException("Interrupted while running git " + String.join(" ", args), e);
    }
  }

  static String runOrThrow(Path directory, String... args) {
    Result result = run(directory, args);
    if (result.exitCode() != 0) {
      throw new GitException("git " + String.join(" ", args) + " failed in " + directory
          + " (exit code " + result.exitCode() + "): " + result.stderr().strip());
    }
    return result.stdout();
  }

  private static String read(Process process, boolean error) {
    try {
      byte[] bytes = (error ? process.getErrorStream() : process.getInputStream()).readAllBytes();
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
