package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sf parallel status} through {@link StatusShortcut} and through picocli: which arguments
 * take the shortcut, and that both paths print the same bytes, messages and exit codes. Each
 * comparison runs real processes, {@link Main} against {@link PicocliMain}.
 */
class StatusShortcutTest {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final Pattern COORDINATOR_PID = Pattern.compile("\\(pid (\\d+)\\)");
  private static final String PICOCLI = " picocli.CommandLine ";
  private static final Pattern ELAPSED_SECONDS = Pattern.compile("  \\d{1,2}s +");
  private static final Pattern SNAPSHOT_TIME = Pattern.compile("\"taken_at\" : \"[^\"]*\"");

  @TempDir
  Path temp;

  private long coordinator = -1;
  private TestProject project;

  @AfterEach
  void endLeftovers() {
    if (coordinator > 0) {
      ProcessHandle.of(coordinator).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (project != null) {
      project.killWorkerGroups(List.of("M001"));
    }
  }

  @Test
  void parseAcceptsExactStatusForms() {
    assertEquals(Optional.of(new StatusShortcut.Request(null, false)),
        StatusShortcut.parse(new String[] {"parallel", "status"}));
    assertEquals(Optional.of(new StatusShortcut.Request(Path.of("/tmp/x"), true)),
        StatusShortcut.parse(new String[] {"-C", "/tmp/x", "parallel", "status", "--json"}));
    assertEquals(Optional.of(new StatusShortcut.Request(Path.of("repo"), false)),
        StatusShortcut.parse(new String[] {"-q", "-C", "repo", "parallel", "status"}));
    assertEquals(Optional.of(new StatusShortcut.Request(null, true)),
        StatusShortcut.parse(new String[] {"--quiet", "parallel", "status", "--json"}));
  }

  @Test
  void parseLeavesOtherArgumentsToPicocli() {
    List<String[]> others = List.of(
        new String[] {},
        new String[] {"parallel"},
        new String[] {"status"},
        new String[] {"parallel", "status", "--watch"},
        new String[] {"parallel", "status", "--help"},
        new String[] {"parallel", "status", "--json", "--json"},
        new String[] {"parallel", "status", "--json", "extra"},
        new String[] {"parallel", "status", "-h"},
        new String[] {"parallel", "stop"},
        new String[] {"parallel", "--help", "status"},
        new String[] {"--help", "parallel", "status"},
        new String[] {"-v", "parallel", "status"},
        new String[] {"-q", "-q", "parallel", "status"},
        new String[] {"-C", "a", "-C", "b", "parallel", "status"},
        new String[] {"-C/tmp/x", "parallel", "status"},
        new String[] {"-C=/tmp/x", "parallel", "status"},
        new String[] {"-C", "-q", "parallel", "status"},
        new String[] {"-C", "", "parallel", "status"},
        new String[] {"-C", "@args", "parallel", "status"},
        new String[] {"-C", "bad\0path", "parallel", "status"},
        new String[] {"-C"},
        new String[] {"--", "parallel", "status"},
        new String[] {"queue"});

    for (String[] args : others) {
      assertEquals(Optional.empty(), StatusShortcut.parse(args), Arrays.toString(args));
    }
  }

  @Test
  void statusWithoutCoordinatorMatchesPicocli() {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual",
        List.of("M001", "M002"));
    String repo = project.root.toString();

    assertSameOutput(List.of("-C", repo, "parallel", "status"));
    assertSameOutput(List.of("-C", repo, "parallel", "status", "--json"));
    assertSameOutput(List.of("-q", "-C", repo, "parallel", "status"));
  }

  @Test
  void liveStatusMatchesPicocli() {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual",
        List.of("M001"));
    String repo = project.root.toString();
    CliProcess sf = new CliProcess(temp.resolve("start-home"))
        .env("SF_TEST_GATES", project.gates.toString());
    CliProcess.Result started = sf.run("-C", repo, "parallel", "start", "--yes", "--detach");
    assertEquals(0, started.exitCode(), started.show());
    Matcher pid = COORDINATOR_PID.matcher(started.out());
    assertTrue(pid.find(), started.show());
    coordinator = Long.parseLong(pid.group(1));
    await().atMost(LONG).until(() -> project.workerAlive("M001"));

    CliProcess.Result table = assertSameOutput(List.of("-C", repo, "parallel", "status"));
    assertSameOutput(List.of("-C", repo, "parallel", "status", "--json"));

    assertTrue(table.out().matches("(?s).*\nM001 +Milestone M001 +running .*"), table.show());
    assertFalse(table.out().contains("no coordinator is running"), table.show());
    CliProcess.Result stopped = sf.run("-C", repo, "parallel", "stop");
    assertEquals(0, stopped.exitCode(), stopped.show());
    await().atMost(LONG).until(() -> ProcessHandle.of(coordinator).isEmpty());
  }

  @Test
  void errorsMatchPicocli() throws IOException {
    Path plain = Files.createDirectories(temp.resolve("plain"));

    CliProcess.Result missing = assertSameOutput(
        List.of("-C", temp.resolve("no/such/dir").toString(), "parallel", "status"));
    CliProcess.Result notAProject = assertSameOutput(
        List.of("-C", plain.toString(), "parallel", "status", "--json"));

    assertEquals(2, missing.exitCode(), missing.show());
    assertTrue(missing.err().startsWith("sf: "), missing.show());
    assertEquals(1, missing.err().lines().count(), missing.show());
    assertEquals(2, notAProject.exitCode(), notAProject.show());
    assertTrue(notAProject.err().startsWith("sf: Folder '"), notAProject.show());
    assertEquals("", notAProject.out(), notAProject.show());
  }

  @Test
  void mainSkipsPicocliOnlyForShortcut() throws IOException {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual",
        List.of("M001"));
    String repo = project.root.toString();

    String shortcut = loadedClasses("shortcut", "-C", repo, "parallel", "status");
    String watch = loadedClasses("watch", "-C", repo, "parallel", "status", "--watch",
        "--count", "1");

    assertTrue(shortcut.contains(" dev.sf.cli.StatusShortcut "), "class log is incomplete");
    assertFalse(shortcut.contains(PICOCLI), "the shortcut loaded picocli");
    assertTrue(watch.contains(PICOCLI), "--watch did not go through picocli");
  }

  @Test
  void otherStatusOptionsStillReachPicocli() {
    project = TestProject.create(temp.resolve("repo"), temp.resolve("gates"), "manual",
        List.of("M001"));
    CliProcess sf = new CliProcess(temp.resolve("home"));

    CliProcess.Result help = sf.run("-C", project.root.toString(), "parallel", "status",
        "--help");
    CliProcess.Result unknown = sf.run("-C", project.root.toString(), "parallel", "status",
        "--jsn");

    assertEquals(0, help.exitCode(), help.show());
    assertTrue(help.out().startsWith("Usage: sf parallel status"), help.show());
    assertEquals(2, unknown.exitCode(), unknown.show());
    assertTrue(unknown.err().startsWith("sf: Unknown option: '--jsn'"), unknown.show());
  }

  /**
   * Runs {@code args} through {@link Main} (the shortcut) and {@link PicocliMain}, and asserts
   * that both print the same bytes on standard output and error with the same exit code. Only
   * what changes from one second to the next is left out: the time of the snapshot in JSON
   * ({@code taken_at}) and, in the table, a running milestone's ELAPSED seconds.
   *
   * @return the shortcut's result
   */
  private CliProcess.Result assertSameOutput(List<String> args) {
    String[] argv = args.toArray(String[]::new);
    CliProcess shortcut = new CliProcess(temp.resolve("shortcut-home"));
    CliProcess picocli = new CliProcess(temp.resolve("picocli-home"))
        .mainClass(PicocliMain.class);

    CliProcess.Result viaShortcut = shortcut.run(argv);
    CliProcess.Result viaPicocli = picocli.run(argv);

    String both = viaPicocli.show() + "\n" + viaShortcut.show();
    assertEquals(withoutClock(viaPicocli), withoutClock(viaShortcut), both);
    assertEquals(viaPicocli.err(), viaShortcut.err(), both);
    assertEquals(viaPicocli.exitCode(), viaShortcut.exitCode(), both);
    return viaShortcut;
  }

  /** Returns the output's bytes, one character each, with the clock-dependent text blanked. */
  private static String withoutClock(CliProcess.Result result) {
    String bytes = new String(result.outBytes(), StandardCharsets.ISO_8859_1);
    String json = SNAPSHOT_TIME.matcher(bytes).replaceAll("\"taken_at\" : \"-\"");
    return ELAPSED_SECONDS.matcher(json).replaceAll("  <elapsed>  ");
  }

  private String loadedClasses(String name, String... args) throws IOException {
    Path log = temp.resolve(name + "-classes.log");
    CliProcess traced = new CliProcess(temp.resolve(name + "-home"))
        .jvmOption("-Xlog:class+load=info:file=" + log);
    CliProcess.Result result = traced.run(args);
    assertEquals(0, result.exitCode(), result.show());
    return Files.readString(log);
  }
}
