package dev.sf.core.git;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies files that git does not carry (ignored or untracked, such as {@code .env}) from the
 * project root into a new worktree, before its worker starts.
 *
 * <p>Rules: globs use Java's {@code glob:} syntax against the path relative to the project root,
 * with {@code /} as separator ({@code *} stays within one folder, {@code **} crosses folders, so
 * {@code config/local/**} matches every file below {@code config/local}). Files tracked in the
 * project root are skipped, because the worktree's checkout already has them. A file that exists
 * in the worktree is never overwritten, tracked or not. {@code .git}, {@code .sf/worktrees} and
 * {@code .sf/parallel} are never entered. A symbolic link is never followed: a link whose target
 * is relative and stays inside the project root is copied as a link with the same target text.
 * Any other link (absolute, or leading out of the project root) is skipped with a warning. A glob
 * that matches nothing gives a warning.
 */
public final class WorktreeFiles {

  private static final Logger LOG = LoggerFactory.getLogger(WorktreeFiles.class);

  private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", ".sf/worktrees", ".sf/parallel");

  /**
   * The outcome of {@link #copyInto}.
   *
   * @param copied the copied paths, relative to the project root, with {@code /} separators
   * @param warnings one line per glob that matched nothing and per file that was skipped
   */
  public record CopyResult(List<String> copied, List<String> warnings) {}

  private WorktreeFiles() {}

  /**
   * Copies the ignored or untracked files of {@code projectRoot} that match {@code globs} into the
   * same relative paths under {@code worktree}.
   *
   * @param projectRoot the main working tree
   * @param worktree the new worktree
   * @param globs patterns such as {@code .env} or {@code config/local/**}
   * @return the copied paths and the warnings
   * @throws IOException when the project root cannot be read or a copy fails
   */
  public static CopyResult copyInto(Path projectRoot, Path worktree, List<String> globs)
      throws IOException {
    Path source = projectRoot.toRealPath();
    Path target = worktree.toRealPath();
    Map<String, PathMatcher> matchers = new LinkedHashMap<>();
    for (String glob : globs) {
      matchers.put(glob, FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }
    Set<String> trackedInRoot = tracked(source);
    Set<String> trackedInWorktree = tracked(target);
    Set<String> usedGlobs = new HashSet<>();
    List<String> copied = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String relative = relative(source, dir);
        return SKIPPED_FOLDERS.contains(relative)
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String relative = relative(source, file);
        Path relativePath = Path.of(relative);
        boolean matched = false;
        for (Map.Entry<String, PathMatcher> matcher : matchers.entrySet()) {
          if (matcher.getValue().matches(relativePath)) {
            usedGlobs.add(matcher.getKey());
            matched = true;
          }
        }
        if (matched && !trackedInRoot.contains(relative)) {
          copyOne(source, target, relative, attrs, trackedInWorktree, copied, warnings);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    for (String glob : globs) {
      if (!usedGlobs.contains(glob)) {
        warnings.add("Copy pattern '" + glob + "' matched no file in '" + source + "'.");
      }
    }
    for (String warning : warnings) {
      LOG.warn("{}", warning);
    }
    return new CopyResult(List.copyOf(copied), List.copyOf(warnings));
  }

  private static void copyOne(Path source, Path target, String relative,
      BasicFileAttributes attrs, Set<String> trackedInWorktree, List<String> copied,
      List<String> warnings) throws IOException {
    Path from = source.resolve(relative);
    Path to = target.resolve(relative);
    if (trackedInWorktree.contains(relative)) {
      warnings.add("Skipped '" + relative + "': it is tracked in the worktree.");
      return;
    }
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      warnings.add("Skipped '" + relative + "': it already exists in the worktree.");
      return;
    }
    Files.createDirectories(to.getParent());
    if (!to.getParent().toRealPath().startsWith(target)) {
      warnings.add("Skipped '" + relative + "': its folder in the worktree leads outside it.");
      return;
    }
    if (attrs.isSymbolicLink()) {
      Path link = Files.readSymbolicLink(from);
      Path resolved = from.getParent().resolve(link).normalize();
      if (link.isAbsolute() || !resolved.startsWith(source)) {
        warnings.add("Skipped symbolic link '" + relative + "': its target '" + link
            + "' is outside the project or absolute.");
        return;
      }
      Files.createSymbolicLink(to, link);
    } else if (attrs.isRegularFile()) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } else {
      warnings.add("Skipped '" + relative + "': not a regular file or symbolic link.");
      return;
    }
    copied.add(relative);
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static Set<String> tracked(Path workingTree) {
    GitCli.Result result = GitCli.runOrThrow(workingTree, "ls-files", "-z");
    return new HashSet<>(GitCli.splitNul(result.stdout()));
  }
}
