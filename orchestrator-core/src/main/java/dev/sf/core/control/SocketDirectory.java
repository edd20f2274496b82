package dev.sf.core.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and checks the private folder that contains control sockets. A Unix socket path must fit
 * in {@code sun_path} (108 bytes on Linux, 104 on macOS, each with the closing NUL), while project
 * paths can be far longer, so sockets live in {@code $XDG_RUNTIME_DIR/sf/} or {@code
 * /tmp/sf-<uid>/}, named by a hash of the project's real path.
 */
final class SocketDirectory {
  private static final Logger log = LoggerFactory.getLogger(SocketDirectory.class);

  /** Longest socket path in bytes that both Linux and macOS accept. */
  static final int MAX_SOCKET_PATH_BYTES = 103;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private SocketDirectory() {}

  /** Returns the socket path for a project, using this process's environment. */
  static Path socketPathFor(Path realProjectRoot) {
    return socketPathFor(realProjectRoot, System.getenv());
  }

  /**
   * Returns the socket path for a project: {@code $XDG_RUNTIME_DIR/sf/<hash>.sock} when that
   * variable names a private folder of this user and the path fits, else {@code
   * /tmp/sf-<uid>/<hash>.sock}.
   */
  static Path socketPathFor(Path realProjectRoot, Map<String, String> environment) {
    String fileName = projectHash(realProjectRoot) + ".sock";
    String runtimeDir = environment.get("XDG_RUNTIME_DIR");
    if (runtimeDir != null && !runtimeDir.isBlank()) {
      Path candidate = Path.of(runtimeDir).resolve("sf").resolve(fileName);
      if (isUsableRuntimeDir(Path.of(runtimeDir)) && fits(candidate)) {
        return candidate;
      }
      log.debug("Not using XDG_RUNTIME_DIR '{}' for the control socket", runtimeDir);
    }
    return Path.of("/tmp").resolve("sf-" + userId()).resolve(fileName);
  }

  /**
   * Creates {@code folder} with mode 0700 when it is missing, and rejects it when it is a symbolic
   * link, is owned by another user or is open to group or others.
   *
   * @throws ControlException when the folder cannot be created or is unsafe
   */
  static void prepare(Path folder) {
    try {
      if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
        create(folder);
      }
      check(folder);
    } catch (IOException e) {
      log.warn("Could not prepare the socket folder '{}'", folder, e);
      throw new ControlException(
          "Could not create the control socket folder '" + folder + "': " + e.getMessage()
              + ". Check that its parent folder is writable.",
          e);
    }
  }

  /** Returns the first 16 hex digits of the SHA-256 of the project's real path. */
  static String projectHash(Path realProjectRoot) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest(realProjectRoot.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime must provide SHA-256", e);
    }
  }

  private static void create(Path folder) throws IOException {
    try {
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      // The umask can only remove bits, but set the mode explicitly so it is exactly 0700.
      Files.setPosixFilePermissions(folder, OWNER_ONLY);
      log.debug("Created the socket folder '{}'", folder);
    } catch (FileAlreadyExistsException e) {
      log.debug("Socket folder '{}' was created by another process", folder);
    }
  }

  private static void check(Path folder) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new ControlException(
          "Control socket folder '" + folder + "' is not a folder (or is a symbolic link). "
              + "Remove it and start the coordinator again.");
    }
    UserPrincipal owner = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal me = currentUser();
    if (!owner.equals(me)) {
      throw new ControlException(
          "Control socket folder '" + folder + "' is owned by '" + owner.getName()
              + "', not by '" + me.getName() + "'. Remove it, or set XDG_RUNTIME_DIR to a "
              + "private folder of your own.");
    }
    Set<PosixFilePermission> mode =
        Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
    if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      throw new ControlException(
          "Control socket folder '" + folder + "' is open to group or others ("
              + PosixFilePermissions.toString(mode) + "). Run chmod 700 '" + folder
              + "' or remove it.");
    }
  }

  private static boolean isUsableRuntimeDir(Path runtimeDir) {
    try {
      return runtimeDir.isAbsolute()
          && Files.isDirectory(runtimeDir, LinkOption.NOFOLLOW_LINKS)
          && Files.isWritable(runtimeDir)
          && Files.getOwner(runtimeDir, LinkOption.NOFOLLOW_LINKS).equals(currentUser())
          && Files.getPosixFilePermissions(runtimeDir).stream()
              .noneMatch(GROUP_OR_OTHERS::contains);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("XDG_RUNTIME_DIR '{}' cannot be checked", runtimeDir, e);
      return false;
    }
  }

  private static boolean fits(Path socketPath) {
    return socketPath.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES;
  }

  /** Returns the owner of this process, read from {@code /proc/self} where Linux provides it. */
  static UserPrincipal currentUser() throws IOException {
    Path self = Path.of("/proc/self");
    if (Files.exists(self)) {
      return Files.getOwner(self);
    }
    return FileSystems.getDefault()
        .getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
  }

  /** Returns the numeric uid where Linux provides it, else the user name made safe for a path. */
  private static String userId() {
    try {
      Path self = Path.of("/proc/self");
      if (Files.exists(self)) {
        return String.valueOf(Files.getAttribute(self, "unix:uid"));
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      log.debug("Could not read the uid from /proc/self", e);
    }
    return System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
