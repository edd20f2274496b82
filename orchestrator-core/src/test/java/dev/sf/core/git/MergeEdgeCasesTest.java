package dev.sf.core.git;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.model.MergeStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per kind of conflict or edge case. A failed merge must leave the integration branch,
 * the index file and every working-tree file as they were; a good one must leave a clean
 * working tree matching the new commit.
 */
class MergeEdgeCasesTest {

  private static final byte[] BINARY_A = {0, 1, 2, 3, (byte) 0xff, 0, 10, 20};
  private static final byte[] BINARY_B = {0, 9, 8, 7, (byte) 0xfe, 0, 11, 21};
  private static final byte[] BINARY_C = {0, 5, 5, 5, (byte) 0xfd, 0, 12, 22};
  private static final String LINES =
      "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\n";

  /**
   * One row of the table.
   *
   * @param name what the row covers
   * @param base changes committed on main before the branch starts
   * @param branch changes committed on milestone/M001, or null for no commit
   * @param main changes committed on main after the branch started, or null for no commit
   * @param after uncommitted changes made in the project root before merging, or null
   * @param expected the outcome type
   * @param files the conflicting or refused files, or the dropped files for a merge
   * @param verify checks of the project root after a good merge, or null
   */
  record Case(String name, Consumer<TestRepo> base, Consumer<TestRepo> branch,
      Consumer<TestRepo> main, Consumer<TestRepo> after, Class<? extends MergeOutcome> expected,
      List<String> files, Consumer<TestRepo> verify) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    AtomicReference<Object> fileKey = new AtomicReference<>();
    AtomicReference<ByteBuffer> mapped = new AtomicReference<>();
    return Stream.of(
        new Case("content conflict",
            r -> r.write("a.txt", "one\ntwo\nthree\n"),
            r -> r.write("a.txt", "one\nBRANCH\nthree\n"),
            r -> r.write("a.txt", "one\nMAIN\nthree\n"),
            null, MergeOutcome.Conflict.class, List.of("a.txt"), null),
        new Case("add/add",
            r -> { },
            r -> r.write("new.txt", "from branch\n"),
            r -> r.write("new.txt", "from main\n"),
            null, MergeOutcome.Conflict.class, List.of("new.txt"), null),
        new Case("modify on main, delete on branch",
            r -> r.write("a.txt", "base\n"),
            r -> r.delete("a.txt"),
            r -> r.write("a.txt", "main changed\n"),
            null, MergeOutcome.Conflict.class, List.of("a.txt"), null),
        new Case("delete on main, modify on branch",
            r -> r.write("a.txt", "base\n"),
            r -> r.write("a.txt", "branch changed\n"),
            r -> r.delete("a.txt"),
            null, MergeOutcome.Conflict.class, List.of("a.txt"), null),
        new Case("rename on branch against modify on main",
            r -> r.write("a.txt", "one\ntwo\n"),
            r -> r.git("mv", "a.txt", "b.txt"),
            r -> r.write("a.txt", "one\ntwo\nmain\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("one\ntwo\nmain\n", r.read("b.txt"));
              assertFalse(Files.exists(r.root.resolve("a.txt")));
            }),
        new Case("rename on main against modify on branch",
            r -> r.write("src/a.txt", "one\ntwo\n"),
            r -> r.write("src/a.txt", "one\ntwo\nbranch\n"),
            r -> r.git("mv", "src", "lib"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("one\ntwo\nbranch\n", r.read("lib/a.txt"));
              assertFalse(Files.exists(r.root.resolve("src")));
            }),
        new Case("edited rename against modify of other lines",
            r -> r.write("a.txt", LINES),
            r -> r.delete("a.txt").write("b.txt", LINES.replace("line 2\n", "branch 2\n")),
            r -> r.write("a.txt", LINES.replace("line 8\n", "main 8\n")),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals(LINES.replace("line 2\n", "branch 2\n")
                  .replace("line 8\n", "main 8\n"), r.read("b.txt"));
              assertFalse(Files.exists(r.root.resolve("a.txt")));
            }),
        new Case("edited rename against modify of the same line",
            r -> r.write("a.txt", LINES),
            r -> r.delete("a.txt").write("b.txt", LINES.replace("line 2\n", "branch 2\n")),
            r -> r.write("a.txt", LINES.replace("line 2\n", "main 2\n")),
            null, MergeOutcome.Conflict.class, List.of("b.txt"), null),
        new Case("rename onto a path the other side added",
            r -> r.write("a.txt", "one\ntwo\n"),
            r -> r.git("mv", "a.txt", "b.txt"),
            r -> r.write("a.txt", "one\ntwo\nmain\n").write("b.txt", "main's own b\n"),
            null, MergeOutcome.Conflict.class, List.of("a.txt", "b.txt"), null),
        new Case("binary changed on both sides",
            r -> r.writeBytes("data.bin", BINARY_A),
            r -> r.writeBytes("data.bin", BINARY_B),
            r -> r.writeBytes("data.bin", BINARY_C),
            null, MergeOutcome.Conflict.class, List.of("data.bin"), null),
        new Case("file against folder",
            r -> { },
            r -> r.write("x/y.txt", "folder on branch\n"),
            r -> r.write("x", "file on main\n"),
            null, MergeOutcome.Conflict.class, List.of("x"), null),
        new Case("symbolic link changed on both sides",
            r -> r.link("current", "v1"),
            r -> r.link("current", "v2"),
            r -> r.link("current", "v3"),
            null, MergeOutcome.Conflict.class, List.of("current"), null),
        new Case("CRLF against LF",
            r -> r.write("crlf.txt", "a\nb\nc\n"),
            r -> r.write("crlf.txt", "a\r\nb\r\nc\r\n"),
            r -> r.write("crlf.txt", "a\nB\nc\n"),
            null, MergeOutcome.Conflict.class, List.of("crlf.txt"), null),
        new Case("milestone's own status file changed on both sides",
            r -> r.write(".sf/milestones/M001/status.yaml", "state: pending\n"),
            r -> r.write(".sf/milestones/M001/status.yaml", "state: complete\n"),
            r -> r.write(".sf/milestones/M001/status.yaml", "state: running\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> assertEquals("state: complete\n", r.read(".sf/milestones/M001/status.yaml"))),
        new Case("another milestone's .sf file is dropped",
            r -> r.write(".sf/milestones/M002/status.yaml", "state: pending\n"),
            r -> r.write(".sf/milestones/M002/status.yaml", "state: hacked\n")
                .write("src/feature.txt", "feature\n"),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(".sf/milestones/M002/status.yaml"),
            r -> {
              assertEquals("state: pending\n", r.read(".sf/milestones/M002/status.yaml"));
              assertEquals("feature\n", r.read("src/feature.txt"));
            }),
        new Case("milestone with no commits",
            r -> { }, null, null,
            null, MergeOutcome.NothingToMerge.class, List.of(), null),
        new Case("branch behind the integration branch",
            r -> { }, null,
            r -> r.write("later.txt", "main only\n"),
            null, MergeOutcome.NothingToMerge.class, List.of(), null),
        new Case("dirty project root",
            r -> r.write("a.txt", "base\n"),
            r -> r.write("b.txt", "branch\n"),
            null,
            r -> r.write("a.txt", "user edit not committed\n"),
            MergeOutcome.Refused.class, List.of("a.txt"), null),
        new Case("tracked file deleted from disk outside the merged paths",
            r -> r.write("a.txt", "base\n").write("deep/c.txt", "base\n"),
            r -> r.write("b.txt", "branch\n"),
            null,
            r -> r.root.resolve("deep/c.txt").toFile().delete(),
            MergeOutcome.Refused.class, List.of("deep/c.txt"), null),
        new Case("staged change outside the merged paths",
            r -> r.write("a.txt", "base\n"),
            r -> r.write("b.txt", "branch\n"),
            null,
            r -> {
              r.write("a.txt", "staged edit\n").git("add", "a.txt");
              r.write("a.txt", "base\n");
            },
            MergeOutcome.Refused.class, List.of("a.txt"), null),
        new Case("file removed from the index only",
            r -> r.write("a.txt", "base\n"),
            r -> r.write("b.txt", "branch\n"),
            null,
            r -> r.git("rm", "-q", "--cached", "a.txt"),
            MergeOutcome.Refused.class, List.of("a.txt"), null),
        new Case("several dirty files are all listed",
            r -> r.write("a.txt", "base\n").write("z/y.txt", "base\n"),
            r -> r.write("b.txt", "branch\n"),
            null,
            r -> r.write("z/y.txt", "edit\n").write("a.txt", "edit\n")
                .write("staged.txt", "new\n").git("add", "staged.txt"),
            MergeOutcome.Refused.class, List.of("a.txt", "staged.txt", "z/y.txt"), null),
        new Case("edited skip-worktree file counts as clean, as in git status",
            r -> r.write("a.txt", "base\n"),
            r -> r.write("b.txt", "branch\n"),
            null,
            r -> {
              r.git("update-index", "--skip-worktree", "a.txt");
              r.write("a.txt", "local setting\n");
            },
            MergeOutcome.Merged.class, List.of(),
            r -> assertEquals("local setting\n", r.read("a.txt"))),
        new Case("temporary file left by a killed merge is replaced",
            r -> r.write("a.txt", "base\n"),
            r -> r.write("a.txt", "branch\n"),
            null,
            r -> r.write(".a.txt.sf-merge.tmp", "half written"),
            MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("branch\n", r.read("a.txt"));
              assertFalse(Files.exists(r.root.resolve(".a.txt.sf-merge.tmp")));
            }),
        new Case("temporary file of an added path in a new folder is removed",
            r -> { },
            r -> r.write("sub/b.txt", "branch\n"),
            null,
            r -> r.write("sub/.b.txt.sf-merge.tmp", "half written"),
            MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("branch\n", r.read("sub/b.txt"));
              assertFalse(Files.exists(r.root.resolve("sub/.b.txt.sf-merge.tmp")));
            }),
        new Case("untracked file in the way",
            r -> { },
            r -> r.write("notes/todo.txt", "branch version\n"),
            null,
            r -> r.write("notes/todo.txt", "user's untracked file\n"),
            MergeOutcome.Refused.class, List.of("notes/todo.txt"), null),
        new Case("executable bit on main, content on branch",
            r -> r.write("run.sh", "echo one\n"),
            r -> r.write("run.sh", "echo two\n"),
            r -> r.executable("run.sh", true),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("echo two\n", r.read("run.sh"));
              assertTrue(Files.isExecutable(r.root.resolve("run.sh")));
            }),
        new Case("executable bit added on branch",
            r -> r.write("tool.sh", "echo tool\n"),
            r -> r.executable("tool.sh", true),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> assertTrue(Files.isExecutable(r.root.resolve("tool.sh")))),
        new Case("symbolic link added on branch",
            r -> r.write("target.txt", "target\n"),
            r -> r.link("alias", "target.txt"),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              assertTrue(Files.isSymbolicLink(r.root.resolve("alias")));
              assertEquals("link:target.txt", r.workingFiles().get("alias"));
            }),
        new Case("binary and CRLF files added on branch",
            r -> { },
            r -> r.writeBytes("image.bin", BINARY_A).write("win.txt", "x\r\ny\r\n"),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              assertArrayEquals(BINARY_A, r.readBytes("image.bin"));
              assertArrayEquals("x\r\ny\r\n".getBytes(StandardCharsets.UTF_8),
                  r.readBytes("win.txt"));
            }),
        new Case("file replaced by symbolic link on branch",
            r -> r.write("config", "plain file\n").write("target.txt", "target\n"),
            r -> r.link("config", "target.txt"),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> assertEquals("link:target.txt", r.workingFiles().get("config"))),
        new Case("executable bit and content changed on branch",
            r -> r.write("tool.sh", "echo one\n"),
            r -> r.write("tool.sh", "echo two\n").executable("tool.sh", true),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("echo two\n", r.read("tool.sh"));
              assertTrue(Files.isExecutable(r.root.resolve("tool.sh")));
            }),
        new Case("file rewritten in place with shorter content",
            r -> r.write("a.txt", "a long line of base content\n".repeat(20)),
            r -> r.write("a.txt", "short\n"),
            r -> r.write("other.txt", "main moved\n"),
            r -> fileKey.set(fileKey(r, "a.txt")),
            MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("short\n", r.read("a.txt"));
              assertEquals(fileKey.get(), fileKey(r, "a.txt"),
                  "a.txt was replaced instead of rewritten in place");
            }),
        new Case("hard-linked file is replaced, not written through",
            r -> r.write("shared.txt", "base\n"),
            r -> r.write("shared.txt", "branch\n"),
            r -> r.write("other.txt", "main moved\n"),
            r -> linkOutside(r, "shared.txt"),
            MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("branch\n", r.read("shared.txt"));
              assertEquals("base\n", readOutside(r, "shared.txt"));
            }),
        new Case("running program changed on branch is replaced",
            r -> r.writeBytes("bin/sleep", program(0)).executable("bin/sleep", true),
            r -> r.writeBytes("bin/sleep", program(16)),
            r -> r.write("other.txt", "main moved\n"),
            r -> {
              Path file = r.root.resolve("bin/sleep");
              r.start(file.toString(), "30");
              await().atMost(Duration.ofSeconds(10)).until(() -> isRunning(file));
            },
            MergeOutcome.Merged.class, List.of(),
            r -> {
              assertArrayEquals(program(16), r.readBytes("bin/sleep"));
              assertTrue(Files.isExecutable(r.root.resolve("bin/sleep")));
            }),
        new Case("running script changed on branch is replaced, not rewritten under its shell",
            r -> r.write("run.sh", "echo one\n".repeat(50)).executable("run.sh", true),
            r -> r.write("run.sh", "echo two\n"),
            r -> r.write("other.txt", "main moved\n"),
            r -> mapped.set(map(r, "run.sh")),
            MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("echo two\n", r.read("run.sh"));
              assertEquals("echo one\n".repeat(50), StandardCharsets.UTF_8.decode(mapped.get())
                  .toString(), "the old run.sh changed under a reader that had it open");
            }),
        new Case("mapped shared library shrunk on branch is replaced",
            r -> r.writeBytes("lib/libx.so", elf(4096)),
            r -> r.writeBytes("lib/libx.so", elf(64)),
            r -> r.write("other.txt", "main moved\n"),
            r -> mapped.set(map(r, "lib/libx.so")),
            MergeOutcome.Merged.class, List.of(),
            r -> {
              assertArrayEquals(elf(64), r.readBytes("lib/libx.so"));
              byte[] old = new byte[4096];
              // Reading a mapping past the end of a file cut short fails (SIGBUS).
              mapped.get().get(old);
              assertArrayEquals(elf(4096), old);
            }),
        new Case("jar changed on branch is replaced",
            r -> r.writeBytes("lib/app.jar", zip(512)),
            r -> r.writeBytes("lib/app.jar", zip(256)),
            r -> r.write("other.txt", "main moved\n"),
            r -> fileKey.set(fileKey(r, "lib/app.jar")),
            MergeOutcome.Merged.class, List.of(),
            r -> {
              assertArrayEquals(zip(256), r.readBytes("lib/app.jar"));
              assertNotEquals(fileKey.get(), fileKey(r, "lib/app.jar"),
                  "lib/app.jar was rewritten in place");
            }),
        new Case("executable bit removed on branch",
            r -> r.write("tool.sh", "echo tool\n").executable("tool.sh", true),
            r -> r.executable("tool.sh", false),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> assertEquals("f:", r.workingFiles().get("tool.sh").substring(0, 2))),
        new Case("folder emptied on branch",
            r -> r.write("old/a.txt", "a\n").write("old/sub/b.txt", "b\n"),
            r -> r.delete("old"),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> assertFalse(Files.exists(r.root.resolve("old")))),
        new Case("file replaced by folder on branch",
            r -> r.write("x", "file\n"),
            r -> r.delete("x").write("x/y.txt", "in folder\n"),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> assertEquals("in folder\n", r.read("x/y.txt"))),
        new Case("folder replaced by file on branch",
            r -> r.write("x/y.txt", "in folder\n"),
            r -> r.delete("x").write("x", "file\n"),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> assertEquals("file\n", r.read("x"))),
        new Case("modified file that the branch changes",
            r -> r.write("a.txt", "base\n"),
            r -> r.write("a.txt", "branch\n"),
            null,
            r -> r.write("a.txt", "user edit not committed\n"),
            MergeOutcome.Refused.class, List.of("a.txt"), null),
        new Case("staged file that the branch adds",
            r -> { },
            r -> r.write("new.txt", "branch\n"),
            null,
            r -> r.write("new.txt", "user's staged file\n").git("add", "new.txt"),
            MergeOutcome.Refused.class, List.of("new.txt"), null),
        new Case("untracked file where the branch adds a folder",
            r -> { },
            r -> r.write("lib/x.txt", "branch\n"),
            null,
            r -> r.write("lib", "user's untracked file\n"),
            MergeOutcome.Refused.class, List.of("lib"), null),
        new Case("untracked file in a folder the branch turns into a file",
            r -> r.write("x/y.txt", "in folder\n"),
            r -> r.delete("x").write("x", "file\n"),
            null,
            r -> r.write("x/notes.txt", "user's untracked file\n"),
            MergeOutcome.Refused.class, List.of("x/notes.txt"), null),
        new Case("ignored file in the way",
            r -> r.write(".gitignore", "*.local\n"),
            r -> r.write("app.local", "branch\n").git("add", "-f", "app.local"),
            null,
            r -> r.write("app.local", "user's ignored file\n"),
            MergeOutcome.Refused.class, List.of("app.local"), null),
        new Case("hundred files changed on branch, written on several threads",
            r -> manyFiles(r, "base"),
            r -> manyFiles(r, "branch").write("bin/run.sh", "echo run\n")
                .executable("bin/run.sh", true),
            r -> r.write("other.txt", "main moved\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              for (int i = 0; i < 100; i++) {
                assertEquals("branch " + i + "\n", r.read("many/dir" + i % 7 + "/f" + i + ".txt"));
              }
              assertTrue(Files.isExecutable(r.root.resolve("bin/run.sh")));
            }),
        new Case("both sides change different lines",
            r -> r.write("a.txt", "1\n2\n3\n4\n5\n6\n"),
            r -> r.write("a.txt", "1\nB\n3\n4\n5\n6\n").delete("README.md"),
            r -> r.write("a.txt", "1\n2\n3\n4\nM\n6\n"),
            null, MergeOutcome.Merged.class, List.of(),
            r -> {
              assertEquals("1\nB\n3\n4\nM\n6\n", r.read("a.txt"));
              assertFalse(Files.exists(r.root.resolve("README.md")));
            }));
  }

  private static Object fileKey(TestRepo repo, String path) {
    try {
      return Files.readAttributes(repo.root.resolve(path), BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a hard link to {@code path} next to the repository, outside its working tree. */
  private static void linkOutside(TestRepo repo, String path) {
    try {
      Files.createLink(repo.root.resolveSibling("outside-" + path), repo.root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readOutside(TestRepo repo, String path) {
    try {
      return Files.readString(repo.root.resolveSibling("outside-" + path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Maps {@code path} of the project root into memory for reading, as a loader maps a library. */
  private static ByteBuffer map(TestRepo repo, String path) {
    try (FileChannel channel = FileChannel.open(repo.root.resolve(path))) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code size} bytes that start as an ELF file does, the rest depending on the size. */
  private static byte[] elf(int size) {
    return withPrefix(new byte[] {0x7f, 'E', 'L', 'F'}, size);
  }

  /** Returns {@code size} bytes that start as a zip archive, such as a jar, does. */
  private static byte[] zip(int size) {
    return withPrefix(new byte[] {'P', 'K', 3, 4}, size);
  }

  private static byte[] withPrefix(byte[] prefix, int size) {
    byte[] bytes = new byte[size];
    for (int i = prefix.length; i < size; i++) {
      bytes[i] = (byte) (size + i);
    }
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    return bytes;
  }

  /** Returns {@code /bin/sleep} padded with {@code extra} bytes, which do not change its run. */
  private static byte[] program(int extra) {
    try {
      byte[] sleep = Files.readAllBytes(Path.of("/bin/sleep"));
      byte[] program = Arrays.copyOf(sleep, sleep.length + extra);
      Arrays.fill(program, sleep.length, program.length, (byte) 'x');
      return program;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns true when Linux refuses to open {@code program} for writing, as it is running. */
  private static boolean isRunning(Path program) throws IOException {
    try (FileChannel channel = FileChannel.open(program, StandardOpenOption.WRITE)) {
      return false;
    } catch (FileSystemException e) {
      if ("Text file busy".equals(e.getReason())) {
        return true;
      }
      throw e;
    }
  }

  private static TestRepo manyFiles(TestRepo repo, String side) {
    for (int i = 0; i < 100; i++) {
      repo.write("many/dir" + i % 7 + "/f" + i + ".txt", side + " " + i + "\n");
    }
    return repo;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mergeLeavesRootUntouchedOrCorrect(Case c, @TempDir Path dir) {
    TestRepo repo = TestRepo.create(dir.resolve("project dir"));
    try {
      mergeAndCheck(c, repo);
    } finally {
      repo.stopStarted();
    }
  }

  private static void mergeAndCheck(Case c, TestRepo repo) {
    c.base().accept(repo);
    repo.commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    if (c.branch() != null) {
      c.branch().accept(repo);
      repo.commitAll("Branch work");
    }
    String branchHead = repo.head("HEAD");
    repo.git("checkout", "-q", "main");
    if (c.main() != null) {
      c.main().accept(repo);
      repo.commitAll("Main work");
    }
    if (c.after() != null) {
      c.after().accept(repo);
    }
    TestRepo.Snapshot before = repo.snapshot();

    MergeOutcome outcome;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      outcome = git.merge(new MergeRequest("M001", "milestone/M001", "main", MergeStyle.SQUASH,
          "Merge M001", Optional.empty()));
    }

    assertInstanceOf(c.expected(), outcome, outcome.toString());
    assertFalse(repo.hasMergeState(), "merge state files left in .git");
    if (outcome instanceof MergeOutcome.Merged merged) {
      assertEquals(merged.commit(), repo.head("refs/heads/main"));
      assertEquals(branchHead, merged.branchCommit());
      assertEquals(c.files(), merged.droppedForeignFiles());
      assertEquals(before.mainRef(), repo.head("main^1"));
      String[] commitAndParents =
          repo.git("rev-list", "--no-walk", "--parents", "main").strip().split(" ");
      assertEquals(2, commitAndParents.length, "squash commit must have one parent");
      assertEquals("Merge M001\n", repo.git("log", "-1", "--format=%B", "main").strip() + "\n");
      assertEquals("", repo.git("status", "--porcelain"), "working tree must match the commit");
      c.verify().accept(repo);
      return;
    }
    TestRepo.Snapshot after = repo.snapshot();
    assertEquals(before.mainRef(), after.mainRef(), "integration branch moved");
    assertEquals(before.headRef(), after.headRef(), "HEAD changed");
    assertArrayEquals(before.index(), after.index(), "index file changed");
    assertEquals(before.files(), after.files(), "working tree changed");
    if (outcome instanceof MergeOutcome.Conflict conflict) {
      assertEquals(c.files(), conflict.files());
    } else if (outcome instanceof MergeOutcome.Refused refused) {
      assertEquals(c.files(), refused.files());
      assertFalse(refused.reason().isBlank());
    } else if (outcome instanceof MergeOutcome.NothingToMerge nothing) {
      assertEquals(branchHead, nothing.branchCommit());
    }
  }

  @Test
  void mergesPastUntrackedFilesOutsideTheMergedPaths(@TempDir Path dir) {
    TestRepo repo = TestRepo.create(dir.resolve("project"));
    repo.write("a.txt", "base\n");
    repo.commitAll("Base");
    repo.git("checkout", "-q", "-b", "milestone/M001");
    repo.write("b.txt", "branch\n");
    repo.commitAll("Branch work");
    repo.git("checkout", "-q", "main");
    repo.write("scratch.txt", "user's notes\n").write("build/out/x.o", "object\n");

    MergeOutcome outcome;
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      outcome = git.merge(new MergeRequest("M001", "milestone/M001", "main", MergeStyle.SQUASH,
          "Merge M001", Optional.empty()));
    }

    assertInstanceOf(MergeOutcome.Merged.class, outcome, outcome.toString());
    assertEquals("branch\n", repo.read("b.txt"));
    assertEquals("user's notes\n", repo.read("scratch.txt"));
    assertEquals("object\n", repo.read("build/out/x.o"));
    assertEquals("?? build/out/x.o\n?? scratch.txt\n",
        repo.git("status", "--porcelain", "--untracked-files=all"));
  }
}
