package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleIndexLockTest {
  @TempDir
  Path root;

  @Test
  void removesLockNobodyHolds() throws Exception {
    Path lock = Files.createDirectories(root.resolve(".git")).resolve("index.lock");
    Files.writeString(lock, "left by a killed process");

    Optional<Path> removed = StaleIndexLock.removeIfAbandoned(root);

    assertEquals(Optional.of(lock), removed);
    assertFalse(Files.exists(lock));
  }

  @Test
  void keepsLockHeldOpen() throws Exception {
    Path lock = Files.createDirectories(root.resolve(".git")).resolve("index.lock");
    Files.writeString(lock, "in use");

    try (FileChannel held = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      Optional<Path> removed = StaleIndexLock.removeIfAbandoned(root);

      assertEquals(Optional.empty(), removed);
      assertTrue(Files.exists(lock));
    }
  }

  @Test
  void ignoresRepositoryWithoutLock() throws Exception {
    Files.createDirectories(root.resolve(".git"));

    assertEquals(Optional.empty(), StaleIndexLock.removeIfAbandoned(root));
  }
}
