package dev.sf.core.git;

import dev.sf.errors.GitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code git} command for the few operations JGit cannot do (worktrees) or does
 * differently from git (status with excludes of linked worktrees, path-limited commits).
 *
 * <p>Every call runs {@code git -C <dir> ...} with no shell, with every {@code GIT_*} variable
 * removed from the environment (so a caller's {@code GIT_DIR} or {@code GIT_INDEX_FILE} cannot
 * redirect it), with paths printed unquoted, and with stderr captured for the error message.
 */
final class GitCli {

  private static final Logger LOG = LoggerFactory.getLogger(GitCli.class);

  /**
   * The outcome of one git run.
   *
   * @param exitCode the process exit code
   * @param stdout the raw standard output
   * @param stderr the standard error as UTF-8 text
   */
  record Result(int exitCode, byte[] stdout, String stderr) {

    /** Returns the standard output as UTF-8 text. */
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Returns true when git exited with 0. */
    boolean ok() {
      return exitCode == 0;
    }
  }

  private GitCli() {}

  /** Runs git in {@code directory} and returns its result whatever the exit code. */
  static Result run(Path directory, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-C");
    command.add(directory.toString());
    command.add("-c");
    command.add("core.quotePath=false");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("GIT_"));
    env.put("GIT_TERMINAL_PROMPT", "0");
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(
          () -> readAll(process.getErrorStream()));
      byte[] out = readAll(process.getInputStream());
      int exit = process.waitFor();
      String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
      LOG.debug("git {} in '{}' exited {}", String.join(" ", args), directory, exit);
      return new Result(exit, out, stderr);
    } catch (IOException e) {
      LOG.error("Could not start git in '{}'", directory, e);
      throw new GitException(
          "Could not run 'git " + String.join(" ", args) + "' in '" + directory + "': "
              + e.getMessage() + ". Check that git is installed and on the PATH.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException(
          "Interrupted while running 'git " + String.join(" ", args) + "' in '" + directory + "'",
          e);
    }
  }

  /** Runs git in {@code directory} and throws a {@link GitException} when it exits non-zero. */
  static Result runOrThrow(Path directory, String... args) {
    Result result = run(directory, args);
    if (!result.ok()) {
      LOG.warn("git {} in '{}' failed: {}", String.join(" ", args), directory, result.stderr());
      throw new GitException(
          "'git " + String.join(" ", args) + "' failed in '" + directory + "' (exit "
              + result.exitCode() + "): " + result.stderr());
    }
    return result;
  }

  /** Splits NUL-terminated output (the {@code -z} format) into UTF-8 strings. */
  static List<String> splitNul(byte[] bytes) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < bytes.length) {
      parts.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
    }
    return parts;
  }

  private static byte[] readAll(InputStream stream) {
    try (stream; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
      stream.transferTo(buffer);
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
