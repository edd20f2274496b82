package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ParallelCommandTest {

  @Test
  void findsSubcommandAfterGlobalOptions() {
    assertEquals("status", ParallelCommand.requestedSubcommand(
        new String[] {"parallel", "status"}));
    assertEquals("status", ParallelCommand.requestedSubcommand(
        new String[] {"-C", "/tmp/x", "-vv", "-q", "parallel", "status", "--json"}));
    assertEquals("stop", ParallelCommand.requestedSubcommand(
        new String[] {"-C/tmp/x", "--verbose", "parallel", "stop", "M001"}));
  }

  @Test
  void returnsNullForOtherArguments() {
    assertNull(ParallelCommand.requestedSubcommand(new String[] {}));
    assertNull(ParallelCommand.requestedSubcommand(new String[] {"parallel"}));
    assertNull(ParallelCommand.requestedSubcommand(new String[] {"parallel", "--help"}));
    assertNull(ParallelCommand.requestedSubcommand(new String[] {"parallel", "stauts"}));
    assertNull(ParallelCommand.requestedSubcommand(new String[] {"queue"}));
    assertNull(ParallelCommand.requestedSubcommand(new String[] {"--help", "parallel", "status"}));
    assertNull(ParallelCommand.requestedSubcommand(new String[] {"-C"}));
  }

  @Test
  void registersOnlyRequestedSubcommand() {
    CommandLine commandLine = SfCommand.commandLine(new String[] {"parallel", "status"});

    assertEquals(Set.of("parallel"), commandLine.getSubcommands().keySet());
    assertEquals(Set.of("status"),
        commandLine.getSubcommands().get("parallel").getSubcommands().keySet());
  }

  @Test
  void registersEveryCommandOtherwise() {
    CommandLine commandLine = SfCommand.commandLine(new String[] {"completion", "bash"});

    assertTrue(commandLine.getSubcommands().keySet().containsAll(
        Set.of("parallel", "queue", "preferences", "demo", "completion", "doctor", "help")));
    assertEquals(Set.of("start", "status", "stop", "pause", "resume", "merge", "diff"),
        commandLine.getSubcommands().get("parallel").getSubcommands().keySet());
  }
}
