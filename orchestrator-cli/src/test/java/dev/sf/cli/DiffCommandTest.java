package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.api.MergePrompt;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sf parallel diff ID} on a real repository whose milestone branch was built by hand, so
 * every number in the expected output is counted from the commits below.
 */
class DiffCommandTest {
  @TempDir Path temp;

  private Path root;

  @BeforeEach
  void createProjectWithMilestoneBranch() {
    root = temp.resolve("project");
    write("README.md", "hello\n");
    write("src/app.js", "const port = 3000;\nmodule.exports = { port };\n");
    write("src/util.js", "a\nb\nc\n");
    write(".sf/milestones/M001/MILESTONE.md", "---\ntitle: Utilities\n---\n\nPlan.\n");
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Test User");
    git("config", "user.email", "test@example.com");
    git("add", "-A");
    git("commit", "-q", "-m", "Initial commit");
    git("checkout", "-q", "-b", "milestone/M001");
    write("src/util.js", "a\nB\nc\n");
    write("docs/new.md", "one\ntwo\n");
    git("add", "-A");
    git("commit", "-q", "-m", "M001: change util and add docs");
    git("checkout", "-q", "main");
  }

  @Test
  void cleanMergeShowsDiffStat() {
    String head = git("rev-parse", "HEAD");

    Result result = sf("parallel", "diff", "M001");

    assertEquals(0, result.exitCode(), result.err());
    assertEquals(String.join("\n",
        " docs/new.md | 2 ++ (added)",
        " src/util.js | 2 +- (modified)",
        " 2 files changed, 3 insertions(+), 1 deletion(-)",
        ""), result.out());
    assertEquals(head, git("rev-parse", "HEAD"));
    assertEquals("", git("status", "--porcelain"));
  }

  @Test
  void conflictIsListedAndNothingChanges() {
    commitOnBranch("milestone/M001", "const port = 5000;\n");
    commitOnBranch("main", "const port = 4000;\n");
    String head = git("rev-parse", "HEAD");
    String branchHead = git("rev-parse", "milestone/M001");

    Result result = sf("parallel", "diff", "M001");

    assertEquals(0, result.exitCode(), result.err());
    assertEquals(String.join("\n",
        " docs/new.md | 2 ++ (added)",
        " src/app.js  | 2 +- (modified)",
        " src/util.js | 2 +- (modified)",
        " 3 files changed, 4 insertions(+), 2 deletions(-)",
        "",
        "Would conflict on: src/app.js",
        ""), result.out());
    assertEquals(head, git("rev-parse", "HEAD"));
    assertEquals(branchHead, git("rev-parse", "milestone/M001"));
    assertEquals("", git("status", "--porcelain"));
    assertEquals("const port = 4000;\nmodule.exports = { port };\n", read("src/app.js"));
  }

  @Test
  void patchOptionPrintsUnifiedDiff() {
    Result result = sf("parallel", "diff", "M001", "--patch");

    assertEquals(0, result.exitCode(), result.err());
    String out = result.out();
    assertTrue(out.startsWith(" docs/new.md | 2 ++ (added)\n"), out);
    assertTrue(out.contains("diff --git a/src/util.js b/src/util.js\n"), out);
    assertTrue(out.contains("--- a/src/util.js\n+++ b/src/util.js\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n"
        + " c\n"), out);
    assertTrue(out.contains("--- /dev/null\n+++ b/docs/new.md\n@@ -0,0 +1,2 @@\n+one\n+two\n"),
        out);
  }

  @Test
  void unknownMilestoneIsUsageError() {
    Result result = sf("parallel", "diff", "M009");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("Unknown milestone 'M009'. Known milestones: M001."),
        result.err());
  }

  @Test
  void confirmationTextShowsCostDiffAndConflict() {
    MergePrompt prompt = new MergePrompt("M001", "Utilities", new BigDecimal("1.5"),
        " src/app.js | 2 +- (modified)\n 1 file changed, 1 insertion(+), 1 deletion(-)",
        List.of("src/app.js"));

    String text = TerminalConfirmation.text(prompt);

    assertEquals(String.join("\n",
        "",
        "M001: Utilities is complete (cost " + Format.usd(new BigDecimal("1.5")) + ").",
        " src/app.js | 2 +- (modified)",
        " 1 file changed, 1 insertion(+), 1 deletion(-)",
        "Predicted conflict on: src/app.js",
        ""), text);
  }

  private void commitOnBranch(String branch, String firstLine) {
    git("checkout", "-q", branch);
    write("src/app.js", firstLine + "module.exports = { port };\n");
    git("commit", "-q", "-am", "Change the port on " + branch);
    git("checkout", "-q", "main");
  }

  private record Result(int exitCode, String out, String err) {}

  private Result sf(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = SfCommand.commandLine();
    // Buffered like the real standard output, so output that is never flushed goes missing.
    commandLine.setOut(new PrintWriter(new BufferedWriter(out), true));
    commandLine.setErr(new PrintWriter(new BufferedWriter(err), true));
    List<String> all = new ArrayList<>(List.of("-C", root.toString()));
    all.addAll(Arrays.asList(args));
    int code = commandLine.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private void write(String path, String content) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String path) {
    try {
      return Files.readString(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor(), "git " + String.join(" ", args) + " failed: " + out);
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
