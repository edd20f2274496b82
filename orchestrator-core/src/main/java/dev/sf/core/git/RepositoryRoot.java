package dev.sf.core.git;

import dev.sf.errors.NotAProjectException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the root of a repository's main working tree without opening the repository, so that
 * commands which only talk to a running coordinator start without loading JGit. It follows the
 * same layout rules as git: a {@code .git} folder, or a {@code .git} file of a linked worktree
 * that points at its administrative folder, whose {@code commondir} leads to the main {@code
 * .git} folder.
 */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  /**
   * Finds the main working tree root of the repository that contains {@code directory}.
   *
   * @throws NotAProjectException when the folder is not inside a repository with a working tree
   */
  public static Path find(Path directory) {
    Path folder = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw new NotAProjectException("Folder '" + folder + "' does not exist or is not a"
          + " folder. Give the path of a project folder.");
    }
    for (Path candidate = folder; candidate != null; candidate = candidate.getParent()) {
      Path dotGit = candidate.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return candidate;
      }
      if (Files.isRegularFile(dotGit)) {
        return linkedWorktreeRoot(dotGit).orElse(candidate);
      }
    }
    throw new NotAProjectException("Folder '" + folder + "' is not inside a git repository."
        + " Run 'git init' there or open the project's folder.");
  }

  /** Follows a linked worktree's {@code .git} file to the main working tree. */
  private static Optional<Path> linkedWorktreeRoot(Path dotGitFile) {
    try {
      String pointer = Files.readString(dotGitFile, StandardCharsets.UTF_8).strip();
      if (!pointer.startsWith("gitdir:")) {
        return Optional.empty();
      }
      Path adminDir = dotGitFile.getParent().resolve(pointer.substring(7).strip()).normalize();
      Path commonFile = adminDir.resolve("commondir");
      if (!Files.isRegularFile(commonFile)) {
        return Optional.empty();
      }
      Path common = adminDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8)
          .strip()).normalize();
      if (!common.getFileName().toString().equals(".git")) {
        return Optional.empty();
      }
      return Optional.of(common.getParent());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
