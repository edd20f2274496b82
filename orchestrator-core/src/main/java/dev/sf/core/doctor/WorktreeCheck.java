package dev.sf.core.doctor;

import dev.sf.core.git.WorktreeInfo;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares {@code .sf/worktrees} with the worktrees git records: folders git does not know are
 * deleted (only with force when they contain files), and records whose folder is gone are pruned.
 */
final class WorktreeCheck {
  private final Doctor doctor;

  WorktreeCheck(Doctor doctor) {
    this.doctor = doctor;
  }

  void run() {
    List<WorktreeInfo> known = doctor.session().git().listWorktrees();
    Set<Path> knownPaths = new HashSet<>();
    for (WorktreeInfo info : known) {
      knownPaths.add(canonical(info.path()));
      if (info.prunable()) {
        reportMissing(info);
      }
    }
    for (Path folder : folders()) {
      if (!knownPaths.contains(canonical(folder))) {
        reportUnknown(folder);
      }
    }
  }

  private void reportMissing(WorktreeInfo info) {
    doctor.repairable(Check.MISSING_WORKTREE_FOLDER, info.path().toString(), "Git records a"
        + " worktree at " + info.path() + " on branch '" + info.branch() + "', but the folder is"
        + " gone.", "run 'git worktree prune' (the branch stays)", false,
        () -> GitCommand.runOrThrow(doctor.session().root(), "worktree", "prune"));
  }

  private void reportUnknown(Path folder) {
    String subject = Doctor.relative(doctor.session().root(), folder);
    long files = countFiles(folder);
    boolean hasFiles = files > 0;
    if (doctor.coordinator().isPresent()) {
      // The running coordinator may be creating this worktree right now.
      doctor.manual(Check.UNKNOWN_WORKTREE_FOLDER, subject, "The folder " + subject
          + " is not a worktree git knows.", "run 'sf doctor --fix' again once the coordinator"
          + " (pid " + doctor.coordinator().get().pid() + ") has ended");
      return;
    }
    doctor.repairable(Check.UNKNOWN_WORKTREE_FOLDER, subject, "The folder " + subject
        + " is not a worktree git knows" + (hasFiles ? " and contains " + files + " file(s)."
            : " and contains no files."), "delete " + subject, hasFiles,
        () -> deleteTree(folder));
  }

  private List<Path> folders() {
    Path parent = doctor.session().root().resolve(".sf").resolve("worktrees");
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new dev.sf.errors.SfException("Cannot list " + parent + ": " + e.getMessage(), e);
    }
  }

  /** Counts regular files, leaving out a {@code .git} file, which holds no work. */
  private static long countFiles(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !file.equals(folder.resolve(".git"))).count();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  static void deleteTree(Path folder) throws IOException {
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
          throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure)
          throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static Path canonical(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
