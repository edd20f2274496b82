package dev.sf.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the sf command line as a real subprocess ({@code java -cp <test classpath>
 * dev.sf.cli.Main}), with {@code SF_HOME} in a temporary folder and standard output and error
 * captured in files, so tests see exactly what a user's terminal or pipe would get.
 */
final class CliProcess {
  /** The classpath of this test run: the CLI, the core library and their dependencies. */
  static final String CLASSPATH = System.getProperty("surefire.test.class.path",
      System.getProperty("java.class.path"));

  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

  private final Path home;
  private final Path outputFolder;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private String mainClass = Main.class.getName();
  private int started;

  /**
   * @param home the folder for {@code SF_HOME} and the captured output of each command
   */
  CliProcess(Path home) {
    this.home = home;
    this.outputFolder = home.resolve("output");
    try {
      Files.createDirectories(outputFolder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets an environment variable for every later command and the workers they start. */
  CliProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Adds a JVM option, such as {@code -Xlog:...}, for every later command. */
  CliProcess jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Runs every later command with {@code main} as the main class instead of {@link Main}. */
  CliProcess mainClass(Class<?> main) {
    mainClass = main.getName();
    return this;
  }

  /** The argv that runs sf with {@code args}, optionally behind a prefix such as setpriv. */
  static List<String> command(String classpath, List<String> prefix, String... args) {
    return command(classpath, prefix, List.of(), Main.class.getName(), args);
  }

  private static List<String> command(String classpath, List<String> prefix,
      List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(JAVA, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, mainClass));
    command.addAll(Arrays.asList(args));
    return command;
  }

  /** Runs sf to its end and returns the exit code and output. */
  Result run(String... args) {
    return start(args).await();
  }

  /** Starts sf and returns at once. */
  Running start(String... args) {
    return start(List.of(), CLASSPATH, args);
  }

  /** Starts sf behind {@code prefix} (for example setpriv) with the given classpath. */
  synchronized Running start(List<String> prefix, String classpath, String... args) {
    int number = ++started;
    Path out = outputFolder.resolve(number + ".out");
    Path err = outputFolder.resolve(number + ".err");
    List<String> command = command(classpath, prefix, jvmOptions, mainClass, args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(home.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
    builder.environment().put("SF_HOME", home.toString());
    builder.environment().remove("XDG_RUNTIME_DIR");
    builder.environment().putAll(environment);
    try {
      return new Running(builder.start(), String.join(" ", args), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A started sf process and its output files. */
  record Running(Process process, String description, Path out, Path err) {
    long pid() {
      return process.pid();
    }

    /** Waits for the process to end and returns what it printed. */
    Result await() {
      try {
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("sf " + description + " did not end within "
              + COMMAND_TIMEOUT.toSeconds() + " s. Output so far:\n" + stdout() + stderr());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new Result(description, process.exitValue(), stdout(), stderr(), bytes(out));
    }

    String stdout() {
      return new String(bytes(out), StandardCharsets.UTF_8);
    }

    String stderr() {
      return new String(bytes(err), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path file) {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The exit code and output of one finished command. */
  record Result(String description, int exitCode, String out, String err, byte[] outBytes) {
    /** Describes the command for assertion messages. */
    String show() {
      return "sf " + description + " exited with " + exitCode + "\n--- stdout\n" + out
          + "--- stderr\n" + err;
    }
  }
}
