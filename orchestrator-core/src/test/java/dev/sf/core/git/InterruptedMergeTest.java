package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.errors.GitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge whose process died after moving the integration branch but before updating the
 * project's files: the branch is at the merge commit while the files and index are still the
 * old ones. This is made here with plumbing commands, as such a process would leave it.
 */
class InterruptedMergeTest {
  private static final byte[] OLD_BINARY = {0, 1, 2, (byte) 0xff, 3};
  private static final byte[] NEW_BINARY = {0, 9, (byte) 0xff, 8, 7, 6};

  @TempDir
  Path temp;

  private static final String SHRUNK_OLD = "the old content, longer than the new one\n";
  private static final String SHRUNK_NEW = "short new\n";

  private TestRepo repo;
  private String oldHead;
  private String merged;

  @BeforeEach
  void leaveMergeHalfDone() {
    repo = TestRepo.create(temp.resolve("project"));
    repo.write("keep.txt", "old\n").write("gone.txt", "bye\n").write("shrunk.txt", SHRUNK_OLD)
        .write(".gitattributes", "*.crlf text eol=crlf\n").write("lines.crlf", "a\n")
        .writeBytes("data.bin", OLD_BINARY).commitAll("Base");
    oldHead = repo.git("rev-parse", "HEAD").strip();
    repo.git("checkout", "-q", "-b", "work");
    repo.write("keep.txt", "new\n").write("added.txt", "added\n").write("lines.crlf", "x\ny\n")
        .write("shrunk.txt", SHRUNK_NEW)
        .writeBytes("data.bin", NEW_BINARY);
    repo.git("rm", "-q", "gone.txt");
    repo.commitAll("Work");
    merged = repo.git("rev-parse", "HEAD").strip();
    repo.git("checkout", "-q", "main");
    repo.git("update-ref", "refs/heads/main", merged, oldHead);
    repo.write(".git/sf-merge-journal", "main\n" + oldHead + "\n" + merged + "\n");
  }

  @Test
  void finishesFilesOfMovedBranch() throws Exception {
    try (ProjectGit git = ProjectGit.open(repo.root)) {
      Optional<String> done = git.finishInterruptedMerge();

      assertTrue(done.isPresent());
    }
    assertEquals("new\n", Files.readString(repo.root.resolve("keep.txt")));
    assertEquals("added\n", Files.readString(repo.root.resolve("added.txt")));
    assertFalse(Files.exists(repo.root.resolve("gone.txt")));
    assertEquals("x\r\ny\r\n", Files.readString(repo.root.resolve("lines.crlf")));
    assertArrayEquals(NEW_BINARY, Files.readAllBytes(repo.root.resolve("data.bin")));
    assertEquals("", repo.git("status", "--porcelain"));
    assertFalse(Files.exists(repo.root.resolve(".git/sf-merge-journal")));
  }

  @Test
  void finishesFilesLeftPartlyWritten() throws Exception {
    repo.write("keep.txt", "ne").write("added.txt", "add");
    repo.writeBytes("data.bin", Arrays.copyOf(NEW_BINARY, 3));

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }

    assertEquals("new\n", Files.readString(repo.root.resolve("keep.txt")));
    assertEquals("added\n", Files.readString(repo.root.resolve("added.txt")));
    assertArrayEquals(NEW_BINARY, Files.readAllBytes(repo.root.resolve("data.bin")));
    assertEquals("", repo.git("status", "--porcelain"));
    assertFalse(Files.exists(repo.root.resolve(".git/sf-merge-journal")));
  }

  @Test
  void finishesTruncatedFile() throws Exception {
    repo.write("keep.txt", "");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }

    assertEquals("new\n", Files.readString(repo.root.resolve("keep.txt")));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void finishesPartlyWrittenConvertedLineEndings() throws Exception {
    repo.write("lines.crlf", "x\r\ny");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }

    assertEquals("x\r\ny\r\n", Files.readString(repo.root.resolve("lines.crlf")));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void finishesOverwriteKilledBeforeOldTail() throws Exception {
    // Overwritten in place up to some byte, with the old content still after it.
    repo.write("keep.txt", "ned\n");
    repo.write("shrunk.txt", SHRUNK_NEW.substring(0, 3) + SHRUNK_OLD.substring(3));

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }

    assertEquals("new\n", Files.readString(repo.root.resolve("keep.txt")));
    assertEquals(SHRUNK_NEW, Files.readString(repo.root.resolve("shrunk.txt")));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void finishesOverwriteKilledBeforeCut() throws Exception {
    // All of the shorter merged content written, the file not yet cut to its length.
    repo.write("shrunk.txt", SHRUNK_NEW + SHRUNK_OLD.substring(SHRUNK_NEW.length()));

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }

    assertEquals(SHRUNK_NEW, Files.readString(repo.root.resolve("shrunk.txt")));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void refusesMixedFileWithOtherByte() throws Exception {
    repo.write("keep.txt", "neX\n");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException error = assertThrows(GitException.class, git::finishInterruptedMerge);

      assertTrue(error.getMessage().contains("keep.txt"), error.getMessage());
    }
    assertEquals("neX\n", Files.readString(repo.root.resolve("keep.txt")));
    assertTrue(Files.exists(repo.root.resolve(".git/sf-merge-journal")));
  }

  @Test
  void refusesOldTailAtOtherLength() throws Exception {
    // A user's edit that keeps the start of the merged content and the end of the old one.
    repo.write("shrunk.txt", SHRUNK_NEW.substring(0, 3) + SHRUNK_OLD.substring(5));

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException error = assertThrows(GitException.class, git::finishInterruptedMerge);

      assertTrue(error.getMessage().contains("shrunk.txt"), error.getMessage());
    }
    assertEquals(SHRUNK_NEW.substring(0, 3) + SHRUNK_OLD.substring(5),
        Files.readString(repo.root.resolve("shrunk.txt")));
  }

  @Test
  void removesTemporaryFileOfKilledWrite() throws Exception {
    repo.write(".keep.txt.sf-merge.tmp", "ne");
    repo.write(".added.txt.sf-merge.tmp", "");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }

    assertEquals("new\n", Files.readString(repo.root.resolve("keep.txt")));
    assertFalse(Files.exists(repo.root.resolve(".keep.txt.sf-merge.tmp")));
    assertFalse(Files.exists(repo.root.resolve(".added.txt.sf-merge.tmp")));
    assertEquals("", repo.git("status", "--porcelain"));
  }

  @Test
  void refusesFileWithOtherContent() throws Exception {
    repo.write("keep.txt", "edited by the user\n");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException error = assertThrows(GitException.class, git::finishInterruptedMerge);

      assertTrue(error.getMessage().contains("keep.txt"), error.getMessage());
    }
    assertEquals("edited by the user\n", Files.readString(repo.root.resolve("keep.txt")));
  }

  @Test
  void refusesFileLongerThanMergedContent() throws Exception {
    repo.write("keep.txt", "new\nand more\n");

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException error = assertThrows(GitException.class, git::finishInterruptedMerge);

      assertTrue(error.getMessage().contains("keep.txt"), error.getMessage());
    }
    assertEquals("new\nand more\n", Files.readString(repo.root.resolve("keep.txt")));
    assertFalse(Files.exists(repo.root.resolve("added.txt")));
    assertTrue(Files.exists(repo.root.resolve(".git/sf-merge-journal")));
  }

  @Test
  void refusesBinaryFileDifferingInOneByte() throws Exception {
    // 0xfe and 0xff both decode to U+FFFD as UTF-8, so only a byte comparison finds them unequal.
    byte[] other = {0, 9, (byte) 0xfe};
    repo.writeBytes("data.bin", other);

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      GitException error = assertThrows(GitException.class, git::finishInterruptedMerge);

      assertTrue(error.getMessage().contains("data.bin"), error.getMessage());
    }
    assertArrayEquals(other, Files.readAllBytes(repo.root.resolve("data.bin")));
    assertEquals("old\n", Files.readString(repo.root.resolve("keep.txt")));
    assertTrue(Files.exists(repo.root.resolve(".git/sf-merge-journal")));
  }

  @Test
  void forgetsJournalWhenBranchNeverMoved() throws Exception {
    repo.git("update-ref", "refs/heads/main", oldHead, merged);

    try (ProjectGit git = ProjectGit.open(repo.root)) {
      assertTrue(git.finishInterruptedMerge().isPresent());
    }
    assertEquals("old\n", Files.readString(repo.root.resolve("keep.txt")));
    assertFalse(Files.exists(repo.root.resolve(".git/sf-merge-journal")));
  }
}
