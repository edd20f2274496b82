package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code sf demo} end to end: a real repository, real workers, real merges. */
class DemoCommandTest {
  private static final List<String> MILESTONES = List.of("M001", "M002", "M003", "M004");

  @TempDir
  static Path folder;

  static Path repo;
  static int exitCode;
  static String output;
  static String errors;

  @BeforeAll
  static void runDemo() {
    repo = folder.resolve("demo repo");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = SfCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    exitCode = commandLine.execute("demo", repo.toString());

    output = out.toString();
    errors = err.toString();
  }

  @Test
  void demoExitsWithZero() {
    assertEquals(0, exitCode, () -> "output:\n" + output + "\nerrors:\n" + errors);
  }

  @Test
  void everyMilestoneIsMergedWithItsWork() throws Exception {
    String log = git("log", "--format=%s", "main");
    for (String id : MILESTONES) {
      assertTrue(log.contains(id + ": "), () -> id + " has no merge commit on main:\n" + log);
      String status = git("show", "main:.sf/milestones/" + id + "/status.yaml");
      assertTrue(status.contains("completed"), () -> id + " status on main: " + status);
    }
    String files = git("ls-tree", "-r", "--name-only", "main");
    assertTrue(files.contains("src/authors/"), files);
    assertTrue(files.contains("src/search/"), files);
    assertTrue(files.contains("src/pages/"), files);
    assertTrue(files.contains("src/health/"), files);
  }

  @Test
  void onlyMergeCommitsLandOnMain() throws Exception {
    String subjects = git("log", "--first-parent", "--format=%H %s", "main");
    List<String> lines = subjects.lines().toList();
    for (String line : lines.subList(0, lines.size() - 1)) {
      String commit = line.substring(0, line.indexOf(' '));
      String body = git("log", "-1", "--format=%B", commit);
      assertTrue(body.contains("Milestone-Branch: milestone/"),
          () -> "commit on main not made by an sf merge: " + line);
    }
  }

  @Test
  void noWorktreeOrBranchIsLeft() throws Exception {
    String worktrees = git("worktree", "list", "--porcelain");
    assertEquals(1, worktrees.lines().filter(l -> l.startsWith("worktree ")).count(), worktrees);
    String branches = git("branch", "--list", "milestone/*");
    assertEquals("", branches.strip());
  }

  @Test
  void noWorkerProcessIsLeft() throws IOException {
    List<Long> pids = new ArrayList<>();
    for (String id : MILESTONES) {
      String record = Files.readString(repo.resolve(".sf/parallel/workers/" + id + ".json"));
      Matcher pid = Pattern.compile("\"pid\" : (\\d+)").matcher(record);
      assertTrue(pid.find(), record);
      pids.add(Long.parseLong(pid.group(1)));
    }
    for (long pid : pids) {
      try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
        assertTrue(all.noneMatch(p -> p.pid() == pid || processGroup(p.pid()) == pid),
            "a process of worker group " + pid + " is still running");
      }
    }
  }

  @Test
  void printedTotalIsTheSumOfReportedCosts() {
    // The scripted worker reports 0.10 + 0.01 * n per slice: 0.36 + 0.23 + 0.23 + 0.36.
    assertTrue(output.contains("Total $1.18 of $5.00 ceiling"), output);
  }

  @Test
  void demoEndsWithTheGraphOfTheResult() {
    assertTrue(output.contains("git log --oneline --graph:"), output);
    assertTrue(output.strip().endsWith("Add the sample project"), output);
  }

  @Test
  void demoRefusesANonEmptyFolder() throws IOException {
    Path busy = folder.resolve("busy");
    Files.createDirectories(busy);
    Files.writeString(busy.resolve("keep.txt"), "mine");
    StringWriter err = new StringWriter();
    CommandLine commandLine = SfCommand.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));

    int code = commandLine.execute("demo", busy.toString());

    assertEquals(2, code);
    assertTrue(err.toString().contains("is not empty"), err.toString());
    assertEquals("mine", Files.readString(busy.resolve("keep.txt")));
  }

  private static long processGroup(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), text);
    return text;
  }
}
