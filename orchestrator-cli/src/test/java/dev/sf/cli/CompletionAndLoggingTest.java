package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Shell completion scripts and the log level options {@code -v}, {@code -vv} and {@code -q}. */
class CompletionAndLoggingTest {
  private static final Logger ROOT =
      (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @AfterEach
  void restoreLevel() {
    LogLevels.apply(Level.WARN);
  }

  @Test
  void bashSourcesCompletionScript() throws Exception {
    List<String> sf = CliProcess.command(CliProcess.CLASSPATH, List.of(), "completion", "bash");
    String quoted = String.join(" ", sf.stream().map(arg -> "'" + arg + "'").toList());
    Process bash = new ProcessBuilder("bash", "-c",
        "source <(" + quoted + ") && complete -p sf").redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, bash.waitFor(), out);
    assertTrue(out.startsWith("complete "), out);
    assertTrue(out.trim().endsWith(" sf"), out);
  }

  @Test
  void zshScriptLoadsBashCompatibility() {
    Captured result = run("completion", "zsh");

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("autoload -U +X compinit && compinit\n"), result.out());
    assertTrue(result.out().contains("bashcompinit"), result.out());
    assertTrue(result.out().contains("parallel"), result.out());
  }

  @Test
  void unknownShellExitsTwo() {
    Captured result = run("completion", "fish");

    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().contains("unsupported shell 'fish'"), result.err());
  }

  @Test
  void verbosityOptionsSetLogLevel() {
    List<Level> levels = new ArrayList<>();
    for (String[] args : List.of(new String[] {"queue"}, new String[] {"-v", "queue"},
        new String[] {"-vv", "queue"}, new String[] {"-v", "-v", "queue"},
        new String[] {"-q", "queue"}, new String[] {"--verbose", "queue"})) {
      LogLevels.configure(args);
      levels.add(ROOT.getLevel());
    }

    assertEquals(List.of(Level.WARN, Level.INFO, Level.DEBUG, Level.DEBUG, Level.ERROR,
        Level.INFO), levels);
  }

  private static Captured run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = SfCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Captured(exitCode, out.toString(), err.toString());
  }

  private record Captured(int exitCode, String out, String err) {}
}
