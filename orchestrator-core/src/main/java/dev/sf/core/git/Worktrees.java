package dev.sf.core.git;

import dev.sf.errors.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, lists and removes linked worktrees, reads their status and commits in them, all through
 * the git command, because JGit cannot manage linked worktrees.
 */
final class Worktrees {

  private static final Logger LOG = LoggerFactory.getLogger(Worktrees.class);

  /**
   * One line of {@code git status --porcelain}.
   *
   * @param code the two status letters, {@code ??} for untracked
   * @param path the path, relative to the working tree root
   */
  record StatusEntry(String code, String path) {}

  /**
   * One lock per repository within this JVM. Concurrent {@code git worktree} commands in one
   * repository read each other's half-written files under {@code .git/worktrees} and fail
   * ("failed to read .git/worktrees/M002/commondir"), so they run one at a time.
   */
  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private static final String GITDIR_PREFIX = "gitdir:";

  private final Path root;
  private final Object lock;

  Worktrees(Path root) {
    this.root = root;
    this.lock = LOCKS.computeIfAbsent(root.toAbsolutePath().normalize(), key -> new Object());
  }

  List<WorktreeInfo> list() {
    synchronized (lock) {
      return listLocked();
    }
  }

  private List<WorktreeInfo> listLocked() {
    GitCli.Result result = GitCli.runOrThrow(root, "worktree", "list", "--porcelain", "-z");
    List<WorktreeInfo> worktrees = new ArrayList<>();
    String path = null;
    String head = null;
    String branch = null;
    boolean prunable = false;
    for (String field : GitCli.splitNul(result.stdout())) {
      if (field.isEmpty()) {
        if (path != null) {
          worktrees.add(new WorktreeInfo(
              Path.of(path), branch, head, worktrees.isEmpty(), prunable));
        }
        path = null;
        head = null;
        branch = null;
        prunable = false;
      } else if (field.startsWith("worktree ")) {
        path = field.substring("worktree ".length());
      } else if (field.startsWith("HEAD ")) {
        head = field.substring("HEAD ".length());
      } else if (field.startsWith("branch ")) {
        branch = field.substring("branch ".length()).replaceFirst("^refs/heads/", "");
      } else if (field.equals("prunable") || field.startsWith("prunable ")) {
        prunable = true;
      }
    }
    if (path != null) {
      worktrees.add(new WorktreeInfo(Path.of(path), branch, head, worktrees.isEmpty(), prunable));
    }
    return worktrees;
  }

  Optional<WorktreeInfo> at(Path path) {
    return at(list(), path);
  }

  Optional<WorktreeInfo> withBranch(String branch) {
    return withBranch(list(), branch);
  }

  private static Optional<WorktreeInfo> at(List<WorktreeInfo> worktrees, Path path) {
    Path wanted = canonical(path);
    return worktrees.stream().filter(w -> canonical(w.path()).equals(wanted)).findFirst();
  }

  private static Optional<WorktreeInfo> withBranch(List<WorktreeInfo> worktrees, String branch) {
    return worktrees.stream().filter(w -> branch.equals(w.branch())).findFirst();
  }

  /**
   * Adds the worktree at {@code path} on {@code branch}, or reuses the one already there, and
   * checks out its files when they have never been checked out.
   *
   * <p>Only registering the worktree ({@code git worktree add --no-checkout}) runs under the
   * per-repository lock. The checkout, which writes every tracked file and takes most of the
   * time, runs after the lock is released, so several worktrees of one repository are checked
   * out at the same time. Each checkout writes only its own worktree's files and index.
   *
   * @return true when this call checked out the files, false when it reused a worktree whose
   *     files were checked out before
   */
  boolean add(Path path, String branch, String startPoint, boolean branchExists) {
    boolean needsCheckout;
    synchronized (lock) {
      needsCheckout = register(path, branch, startPoint, branchExists);
    }
    if (needsCheckout) {
      checkOut(path, branch);
    }
    return needsCheckout;
  }

  /** Returns true when the worktree at {@code path} still needs its files checked out. */
  private boolean register(Path path, String branch, String startPoint, boolean branchExists) {
    // One 'git worktree list' serves both checks below; a prune is the only reason to list again.
    List<WorktreeInfo> worktrees = listLocked();
    Optional<WorktreeInfo> existing = at(worktrees, path);
    if (existing.isPresent() && existing.get().prunable()) {
      LOG.warn("Pruning stale worktree record for '{}' whose folder is gone", path);
      GitCli.runOrThrow(root, "worktree", "prune");
      existing = Optional.empty();
      worktrees = listLocked();
    }
    if (existing.isPresent()) {
      WorktreeInfo found = existing.get();
      if (!branch.equals(found.branch())) {
        throw new GitException("Folder '" + path + "' is already the worktree of "
            + (found.branch() == null ? "a detached HEAD" : "branch '" + found.branch() + "'")
            + ", not of '" + branch + "'. Remove it with 'git worktree remove' or choose"
            + " another folder.");
      }
      if (hasIndex(path)) {
        LOG.info("Reusing worktree '{}' on branch '{}'", path, branch);
        return false;
      }
      LOG.warn("Worktree '{}' on branch '{}' was added but its files were never checked out,"
          + " checking them out now", path, branch);
      return true;
    }
    Optional<WorktreeInfo> elsewhere = withBranch(worktrees, branch);
    if (elsewhere.isPresent() && elsewhere.get().prunable()) {
      GitCli.runOrThrow(root, "worktree", "prune");
      elsewhere = withBranch(listLocked(), branch);
    }
    if (elsewhere.isPresent()) {
      throw new GitException("Branch '" + branch + "' is already checked out in '"
          + elsewhere.get().path() + "', so it cannot get a worktree at '" + path
          + "'. Remove that worktree or switch it to another branch first.");
    }
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new GitException("Folder '" + path + "' exists but is not a worktree of branch '"
          + branch + "'. Move it away or delete it, then try again.");
    }
    if (branchExists) {
      GitCli.runOrThrow(root, "worktree", "add", "--no-checkout", path.toString(), branch);
    } else {
      GitCli.runOrThrow(root, "worktree", "add", "--no-checkout", "-b", branch,
          path.toString(), startPoint);
    }
    LOG.info("Added worktree '{}' on branch '{}'", path, branch);
    return true;
  }

  /**
   * Writes the files and the index of a worktree that has no index yet. {@code git read-tree -m
   * -u} is used because it fails, writing nothing, when an untracked file is in the way, where
   * {@code git reset --hard} would overwrite it.
   */
  private static void checkOut(Path path, String branch) {
    GitCli.Result result = GitCli.run(path, "read-tree", "-m", "-u", "HEAD");
    if (!result.ok()) {
      LOG.warn("Checking out the files of worktree '{}' failed: {}", path, result.stderr());
      throw new GitException("Checking out branch '" + branch + "' into its new worktree '"
          + path + "' failed: " + result.stderr() + ". Move the files it names out of that"
          + " folder, then start again.");
    }
    LOG.debug("Checked out the files of worktree '{}'", path);
  }

  /**
   * Returns true when the linked worktree at {@code path} has an index file. {@code git worktree
   * add --no-checkout} writes none, so a worktree without one never had its files checked out,
   * for example because the process adding it was killed in between.
   */
  private static boolean hasIndex(Path path) {
    Path dotGit = path.resolve(".git");
    try {
      if (!Files.isRegularFile(dotGit)) {
        return Files.exists(dotGit.resolve("index"));
      }
      String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
      if (!line.startsWith(GITDIR_PREFIX)) {
        return true;
      }
      Path gitDir = path.resolve(line.substring(GITDIR_PREFIX.length()).strip());
      return Files.exists(gitDir.resolve("index"));
    } catch (IOException e) {
      LOG.warn("Could not read '{}', taking the worktree as checked out", dotGit, e);
      return true;
    }
  }

  void remove(Path path, boolean force) {
    synchronized (lock) {
      removeLocked(path, force);
    }
  }

  private void removeLocked(Path path, boolean force) {
    Optional<WorktreeInfo> found = at(path);
    if (found.isEmpty()) {
      throw new GitException("'" + path + "' is not a worktree of '" + root
          + "'. Run 'git worktree list' to see the worktrees.");
    }
    if (found.get().main()) {
      throw new GitException("'" + path + "' is the main working tree and cannot be removed.");
    }
    if (found.get().prunable()) {
      GitCli.runOrThrow(root, "worktree", "prune");
      return;
    }
    if (!force) {
      Set<String> dirty = uncommitted(path);
      if (!dirty.isEmpty()) {
        throw new GitException("Worktree '" + path + "' was kept because it has uncommitted"
            + " changes or untracked files: " + String.join(", ", dirty)
            + ". Commit or delete them, or remove it with force.");
      }
      GitCli.runOrThrow(root, "worktree", "remove", path.toString());
    } else {
      GitCli.runOrThrow(root, "worktree", "remove", "--force", path.toString());
    }
    LOG.info("Removed worktree '{}'", path);
  }

  static List<StatusEntry> status(Path workingTree) {
    GitCli.Result result = GitCli.runOrThrow(
        workingTree, "status", "--porcelain=v1", "-z", "--untracked-files=all");
    List<StatusEntry> entries = new ArrayList<>();
    List<String> fields = GitCli.splitNul(result.stdout());
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      if (field.length() < 4) {
        continue;
      }
      String code = field.substring(0, 2);
      entries.add(new StatusEntry(code, field.substring(3)));
      if (code.indexOf('R') >= 0 || code.indexOf('C') >= 0) {
        i++; // the next field is the old path of a rename or copy
        if (i < fields.size()) {
          entries.add(new StatusEntry(code, fields.get(i)));
        }
      }
    }
    return entries;
  }

  static Set<String> uncommitted(Path workingTree) {
    Set<String> paths = new LinkedHashSet<>();
    for (StatusEntry entry : status(workingTree)) {
      paths.add(entry.path());
    }
    return paths;
  }

  static Optional<String> commitPaths(Path workingTree, List<String> paths, String message) {
    Set<String> dirty = uncommitted(workingTree);
    List<String> specs = new ArrayList<>();
    for (String path : paths) {
      String spec = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      boolean touched = dirty.stream()
          .anyMatch(d -> d.equals(spec) || d.startsWith(spec + "/"));
      if (touched) {
        specs.add(spec);
      }
    }
    if (specs.isEmpty()) {
      return Optional.empty();
    }
    List<String> add = new ArrayList<>(List.of("add", "-A", "--"));
    add.addAll(specs);
    GitCli.runOrThrow(workingTree, add.toArray(String[]::new));
    // "git commit -- paths" commits only those paths and keeps everything else in the index.
    List<String> commit = new ArrayList<>(
        List.of("commit", "--no-verify", "--quiet", "-m", message, "--"));
    commit.addAll(specs);
    GitCli.runOrThrow(workingTree, commit.toArray(String[]::new));
    return Optional.of(GitCli.runOrThrow(workingTree, "rev-parse", "HEAD").out().strip());
  }

  /** Resolves symbolic links in the longest existing part of {@code path}. */
  static Path canonical(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException e) {
      LOG.warn("Could not resolve '{}', comparing it as written", path, e);
      return absolute;
    }
  }
}
