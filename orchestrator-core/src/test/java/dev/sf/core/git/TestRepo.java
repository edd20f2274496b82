package dev.sf.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A real git repository in a temporary folder, built with the git command. */
final class TestRepo {

  final Path root;
  private final List<Process> started = new ArrayList<>();

  private TestRepo(Path root) {
    this.root = root;
  }

  /** Creates a repository on branch main with one commit containing README.md. */
  static TestRepo create(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestRepo repo = new TestRepo(dir);
    repo.git("init", "-q", "-b", "main");
    repo.git("config", "user.name", "Test User");
    repo.git("config", "user.email", "test@example.com");
    repo.git("config", "core.autocrlf", "false");
    repo.write("README.md", "hello\n");
    repo.commitAll("Initial commit");
    return repo;
  }

  /** Runs git in the repository root and returns its standard output; fails on exit code. */
  String git(String... args) {
    return gitIn(root, args);
  }

  static String gitIn(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      assertEquals(0, exit, "git " + String.join(" ", args) + " failed: " + out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  TestRepo write(String path, String content) {
    return writeBytes(path, content.getBytes(StandardCharsets.UTF_8));
  }

  TestRepo writeBytes(String path, byte[] content) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestRepo link(String path, String target) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createSymbolicLink(file, Path.of(target));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestRepo executable(String path, boolean on) {
    try {
      Path file = root.resolve(path);
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (on) {
        perms.add(PosixFilePermission.OWNER_EXECUTE);
      } else {
        perms.remove(PosixFilePermission.OWNER_EXECUTE);
      }
      Files.setPosixFilePermissions(file, perms);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestRepo delete(String path) {
    git("rm", "-q", "-r", "--", path);
    return this;
  }

  /** Starts {@code command} in the repository root. {@link #stopStarted} destroys it. */
  Process start(String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = builder.start();
      started.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Destroys every process that {@link #start} started and waits until each has ended. */
  void stopStarted() {
    for (Process process : started) {
      process.destroyForcibly();
      process.onExit().join();
    }
    started.clear();
  }

  String commitAll(String message) {
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    return head("HEAD");
  }

  String head(String revision) {
    return git("rev-parse", revision).strip();
  }

  String read(String path) {
    try {
      return Files.readString(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] readBytes(String path) {
    try {
      return Files.readAllBytes(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file of the working tree outside .git, with content, link target and executable bit. */
  Map<String, String> workingFiles() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(path).toString();
        if (rel.isEmpty() || rel.equals(".git") || rel.startsWith(".git/")) {
          continue;
        }
        if (Files.isSymbolicLink(path)) {
          files.put(rel, "link:" + Files.readSymbolicLink(path));
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          String mode = Files.isExecutable(path) ? "x:" : "f:";
          files.put(rel, mode + Arrays.toString(Files.readAllBytes(path)));
        } else {
          files.put(rel, "dir");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The state a failed merge must leave untouched. */
  record Snapshot(String mainRef, String headRef, byte[] index, Map<String, String> files) {}

  Snapshot snapshot() {
    try {
      return new Snapshot(head("refs/heads/main"), Files.readString(root.resolve(".git/HEAD")),
          Files.readAllBytes(root.resolve(".git/index")), workingFiles());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean hasMergeState() {
    return Stream.of("MERGE_HEAD", "SQUASH_MSG", "MERGE_MSG", "MERGE_MODE")
        .anyMatch(name -> Files.exists(root.resolve(".git").resolve(name)));
  }
}
