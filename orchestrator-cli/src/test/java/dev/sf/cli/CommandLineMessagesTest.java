package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.control.CoordinatorLock;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Messages of the command line: bad input in one line, a lock holder that serves no socket, and a
 * budget that is already spent.
 */
class CommandLineMessagesTest {
  @TempDir Path temp;

  private TestProject project;

  @BeforeEach
  void createProject() {
    project = TestProject.create(temp.resolve("project"), temp.resolve("gates"), "manual",
        List.of("M001"));
  }

  @Test
  void unknownCommandPrintsOneLine() {
    Result result = sf("paralel", "status");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().startsWith("sf: Unmatched argument"), result.err());
    assertTrue(result.err().contains("See 'sf --help'."), result.err());
    assertFalse(result.err().contains("Usage:"), result.err());
  }

  @Test
  void intervalBelowMinimumIsRejected() {
    Result result = sf("parallel", "status", "--watch", "--interval", "0.01");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("'--interval'"), result.err());
    assertTrue(result.err().contains("See 'sf parallel status --help'."), result.err());
  }

  @Test
  void statusReadsDiskWhenLockHolderIsSilent() {
    try (CoordinatorLock lock = CoordinatorLock.acquire(project.root)) {
      Result result = sf("parallel", "status");

      assertEquals(0, result.exitCode(), result.err());
      assertTrue(result.out().contains("M001"), result.out());
      assertTrue(result.out().contains("(the coordinator lock holder, pid "
          + ProcessHandle.current().pid() + ", did not answer; read from .sf/parallel)"),
          result.out());
      assertEquals("", result.err());
    }
  }

  @Test
  void controlFailsInOneLineWhenLockHolderIsSilent() {
    try (CoordinatorLock lock = CoordinatorLock.acquire(project.root)) {
      Result result = sf("parallel", "stop");

      assertEquals(1, result.exitCode());
      assertTrue(result.err().startsWith("sf: The coordinator lock is held by pid "),
          result.err());
      assertEquals(1, result.err().strip().lines().count(), result.err());
    }
  }

  @Test
  void startStopsWhenBudgetIsSpent() {
    Result result = sf("parallel", "start", "--yes", "--budget", "0");

    assertEquals(1, result.exitCode());
    assertTrue(result.err().contains("The budget ceiling of $0.00 was reached at $0.00; raise"
        + " parallel.budget_ceiling or pass --budget to go on."), result.err());
  }

  private record Result(int exitCode, String out, String err) {}

  private Result sf(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = SfCommand.commandLine();
    commandLine.setOut(new PrintWriter(new BufferedWriter(out), true));
    commandLine.setErr(new PrintWriter(new BufferedWriter(err), true));
    List<String> all = new ArrayList<>(List.of("-C", project.root.toString()));
    all.addAll(Arrays.asList(args));
    int code = commandLine.execute(all.toArray(String[]::new));
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    return new Result(code, out.toString(), err.toString());
  }
}
