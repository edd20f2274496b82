package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.doctor.ProjectFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes start a coordinator for one project: the second names the first's pid. */
class SecondCoordinatorTest {
  @TempDir
  Path temp;

  @Test
  void secondStartNamesRunningCoordinatorPid() throws Exception {
    ProjectFixture project = ProjectFixture.create(temp.resolve("project"), 1, "1");
    Path root = project.root();
    Path output = temp.resolve("first.out");
    Process first = CliProcesses.start(output, "-C", root.toString(), "parallel", "start",
        "--yes");
    assertTrue(CliProcesses.awaitLock(first, root, output), "the first coordinator did not start");

    CliProcesses.Result second = CliProcesses.run("-C", root.toString(), "parallel", "start",
        "--yes");

    assertEquals(1, second.exitCode(), second.out() + second.err());
    assertTrue(second.err().contains("pid " + first.pid()), second.err());
    assertEquals(0, CliProcesses.exitCode(first, Duration.ofMinutes(2), output),
        () -> CliProcesses.read(output));
  }
}
