package dev.sf.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketDirectoryTest {
  @TempDir Path temp;

  @Test
  void prepareCreatesPrivateFolder() throws IOException {
    Path folder = temp.resolve("sockets");

    SocketDirectory.prepare(folder);

    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS)));
  }

  @Test
  void prepareRejectsOpenFolder() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("open"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

    ControlException e =
        assertThrows(ControlException.class, () -> SocketDirectory.prepare(folder));

    assertTrue(e.getMessage().contains("is open to group or others (rwxr-xr-x)"), e.getMessage());
    assertTrue(e.getMessage().contains("chmod 700 '" + folder + "'"), e.getMessage());
  }

  @Test
  void prepareRejectsSymbolicLink() throws IOException {
    Path target = Files.createDirectory(temp.resolve("target"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), target);

    ControlException e = assertThrows(ControlException.class, () -> SocketDirectory.prepare(link));

    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
  }

  @Test
  void prepareRejectsFolderOfOtherUser() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("foreign"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    UserPrincipal other;
    try {
      other = folder.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName("nobody");
      Files.setOwner(folder, other);
    } catch (IOException e) {
      // Only a privileged user can give a folder away; without that the case cannot be set up.
      org.junit.jupiter.api.Assumptions.abort("cannot change the owner: " + e.getMessage());
      return;
    }

    ControlException e =
        assertThrows(ControlException.class, () -> SocketDirectory.prepare(folder));

    assertTrue(e.getMessage().contains("is owned by 'nobody'"), e.getMessage());
  }

  @Test
  void usesPrivateRuntimeDir() throws IOException {
    Path runtime = Files.createDirectory(temp.resolve("run"));
    Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
    Path project = Path.of("/some/project");

    Map<String, String> environment = Map.of("XDG_RUNTIME_DIR", runtime.toString());

    Path socket = SocketDirectory.socketPathFor(project, environment);

    assertEquals(runtime.resolve("sf").resolve(SocketDirectory.projectHash(project) + ".sock"),
        socket);
  }

  @Test
  void ignoresOpenRuntimeDir() throws IOException {
    Path runtime = Files.createDirectory(temp.resolve("run"));
    Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxrwxrwx"));

    Path socket =
        SocketDirectory.socketPathFor(Path.of("/p"), Map.of("XDG_RUNTIME_DIR", runtime.toString()));

    assertTrue(socket.startsWith(Path.of("/tmp")), socket.toString());
    assertTrue(socket.getParent().getFileName().toString().startsWith("sf-"), socket.toString());
  }

  @Test
  void ignoresRuntimeDirTooLongForSocket() throws IOException {
    Path runtime = Files.createDirectories(temp.resolve("r".repeat(100)));
    Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));

    Path socket =
        SocketDirectory.socketPathFor(Path.of("/p"), Map.of("XDG_RUNTIME_DIR", runtime.toString()));

    assertTrue(socket.startsWith(Path.of("/tmp/sf-")) || socket.getParent().getFileName()
        .toString().startsWith("sf-"), socket.toString());
    assertTrue(!socket.startsWith(runtime), socket.toString());
  }

  @Test
  void hashDependsOnlyOnPath() {
    String first = SocketDirectory.projectHash(Path.of("/a/Prüfung Ω"));

    assertEquals(16, first.length());
    assertEquals(first, SocketDirectory.projectHash(Path.of("/a/Prüfung Ω")));
    assertTrue(!first.equals(SocketDirectory.projectHash(Path.of("/a/Prüfung"))));
  }
}
