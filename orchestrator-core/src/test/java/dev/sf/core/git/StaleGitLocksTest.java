package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleGitLocksTest {
  @TempDir
  Path root;

  @Test
  void removesIndexLockNobodyHolds() throws Exception {
    Path lock = write(".git/index.lock");

    List<Path> removed = StaleGitLocks.removeAbandoned(root);

    assertEquals(List.of(lock), removed);
    assertFalse(Files.exists(lock));
  }

  @Test
  void removesBranchAndPackedRefLocks() throws Exception {
    Path main = write(".git/refs/heads/main.lock");
    Path milestone = write(".git/refs/heads/milestone/M003.lock");
    Path packed = write(".git/packed-refs.lock");
    Path head = write(".git/HEAD.lock");
    Path branch = write(".git/refs/heads/main");

    List<Path> removed = StaleGitLocks.removeAbandoned(root);

    assertEquals(Set.of(main, milestone, packed, head), Set.copyOf(removed));
    assertFalse(Files.exists(main));
    assertFalse(Files.exists(milestone));
    assertTrue(Files.exists(branch), "the branch file itself stays");
  }

  @Test
  void keepsLockHeldOpen() throws Exception {
    Path lock = write(".git/refs/heads/main.lock");
    Path other = write(".git/index.lock");

    try (FileChannel held = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      List<Path> removed = StaleGitLocks.removeAbandoned(root);

      assertEquals(List.of(other), removed);
      assertTrue(Files.exists(lock));
    }
  }

  @Test
  void ignoresRepositoryWithoutLocks() throws Exception {
    write(".git/refs/heads/main");

    assertEquals(List.of(), StaleGitLocks.removeAbandoned(root));
  }

  private Path write(String path) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "left by a killed process\n");
    return file;
  }
}
