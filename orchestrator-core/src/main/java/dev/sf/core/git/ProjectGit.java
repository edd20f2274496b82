package dev.sf.core.git;

import dev.sf.core.io.AtomicFiles;
import dev.sf.errors.GitException;
import dev.sf.errors.NotAProjectException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The git operations sf needs, over one repository and its linked worktrees. JGit does the work
 * except where it cannot (adding, listing and removing worktrees), where the git command runs.
 *
 * <p>An instance is opened on the main repository even when {@link #open(Path)} is given a folder
 * inside a linked worktree. It is not thread-safe for merges: callers merge one branch at a time.
 *
 * <p>Registering, listing and removing worktrees is serialised per repository, because concurrent
 * {@code git worktree} commands in one repository can fail reading each other's half-written
 * administrative files. Checking out a new worktree's files is not.
 */
public final class ProjectGit implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProjectGit.class);

  /** The lines {@link #ensureRuntimeExcludes()} keeps in {@code .git/info/exclude}. */
  public static final List<String> RUNTIME_EXCLUDES = List.of(
      ".sf/worktrees/", ".sf/parallel/", ".sf/metrics.json", "**/.sf/metrics.json");

  private final Repository repo;
  private final Path root;
  private final Worktrees worktrees;

  private ProjectGit(Repository repo) {
    this.repo = repo;
    this.root = Worktrees.canonical(repo.getWorkTree().toPath());
    this.worktrees = new Worktrees(root);
  }

  /**
   * Opens the repository that contains {@code directory}.
   *
   * @throws dev.sf.errors.NotAProjectException when the folder is not in a git repository
   */
  public static ProjectGit open(Path directory) {
    Path folder = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw new NotAProjectException("Folder '" + folder + "' does not exist or is not a"
          + " folder. Give the path of a project folder.");
    }
    FileRepositoryBuilder finder = new FileRepositoryBuilder().findGitDir(folder.toFile());
    if (finder.getGitDir() == null) {
      throw new NotAProjectException("Folder '" + folder + "' is not inside a git repository."
          + " Run 'git init' there or open the project's folder.");
    }
    try (Repository found = finder.setMustExist(true).build()) {
      File common = found.getCommonDirectory() != null
          ? found.getCommonDirectory() : found.getDirectory();
      Repository main = new FileRepositoryBuilder().setGitDir(common).setMustExist(true).build();
      if (main.isBare()) {
        main.close();
        throw new NotAProjectException("Repository '" + common + "' is bare and has no working"
            + " tree. Open a folder of a non-bare clone.");
      }
      return new ProjectGit(main);
    } catch (IOException e) {
      LOG.error("Could not open the git repository of '{}'", folder, e);
      throw new NotAProjectException("Could not open the git repository of '" + folder + "': "
          + e.getMessage() + ". Check that '.git' is readable.", e);
    }
  }

  /** Returns the root of the main working tree. */
  public Path root() {
    return root;
  }

  /**
   * Returns the short name of the branch checked out in the main working tree.
   *
   * @throws GitException when HEAD is detached or the branch has no commit yet
   */
  public String currentBranch() {
    try {
      Ref head = repo.exactRef(Constants.HEAD);
      if (head == null || !head.isSymbolic()) {
        throw new GitException("HEAD of '" + root + "' is detached"
            + (head == null || head.getObjectId() == null ? "" : " at " + head.getObjectId().name())
            + ". Check out the integration branch, for example 'git switch main'.");
      }
      String name = Refs.shortName(head.getTarget().getName());
      if (head.getObjectId() == null) {
        throw new GitException("Branch '" + name + "' in '" + root + "' has no commit yet."
            + " Make a first commit, then try again.");
      }
      return name;
    } catch (IOException e) {
      throw failure("read HEAD", e);
    }
  }

  /** Returns the commit id a branch points to, or empty when the branch does not exist. */
  public Optional<String> branchHead(String branch) {
    return Refs.head(repo, branch).map(ObjectId::name);
  }

  /**
   * Creates (or reuses) the linked worktree at {@code path} on {@code branch}. A new branch starts
   * at {@code startPoint}. An existing worktree of that branch at that path is reused as it is,
   * uncommitted work included, unless its files were never checked out: then they are checked
   * out now. After a checkout the repository's {@code post-checkout} hook runs in the worktree,
   * as {@code git worktree add} runs it.
   *
   * <p>Several threads may add worktrees of one repository at once: the worktrees are registered
   * one at a time and their files checked out in parallel.
   *
   * @return true when the files were checked out by this call, false when a checked-out
   *     worktree was reused
   * @throws dev.sf.errors.GitException when the folder exists but is not that worktree, the
   *     branch is checked out elsewhere, an untracked file is in the way of the checkout, or the
   *     hook fails
   */
  public boolean addWorktree(Path path, String branch, String startPoint) {
    String name = Refs.shortName(branch);
    boolean exists = Refs.head(repo, name).isPresent();
    if (!exists && branchHead(startPoint).isEmpty() && resolve(startPoint) == null) {
      throw new GitException("Start point '" + startPoint + "' for new branch '" + name
          + "' was not found. Give an existing branch or commit.");
    }
    Path folder = path.toAbsolutePath().normalize();
    boolean checkedOut = worktrees.add(folder, name, startPoint, exists);
    if (checkedOut) {
      runPostCheckoutHook(folder, name);
    }
    return checkedOut;
  }

  /**
   * Runs the {@code post-checkout} hook, when the repository has one, in a worktree whose files
   * were just checked out, with the arguments {@code git worktree add} gives it: the null commit,
   * the new HEAD and 1 for a branch checkout.
   */
  private void runPostCheckoutHook(Path worktree, String branch) {
    if (repo.getFS().findHook(repo, "post-checkout") == null) {
      return;
    }
    String head = Refs.head(repo, branch).map(ObjectId::name).orElseThrow(() ->
        new GitException("Branch '" + branch + "' disappeared while its worktree '" + worktree
            + "' was checked out. Start again."));
    GitCli.Result result = GitCli.run(worktree, "hook", "run", "--ignore-missing",
        "post-checkout", "--", ObjectId.zeroId().name(), head, "1");
    if (result.ok()) {
      return;
    }
    LOG.warn("The post-checkout hook failed in worktree '{}' (exit {}): {}", worktree,
        result.exitCode(), result.stderr());
    String next;
    try {
      // Without force: files that the hook or anyone else left there keep the worktree.
      worktrees.remove(worktree, false);
      next = "The worktree was removed and its branch kept. Fix the hook, then start again.";
    } catch (GitException e) {
      LOG.warn("Could not remove worktree '{}' after its post-checkout hook failed", worktree, e);
      next = "The worktree was kept because it has files of its own. Fix the hook, check those"
          + " files, remove the worktree with 'git worktree remove --force " + worktree + "',"
          + " then start again.";
    }
    throw new GitException("The repository's post-checkout hook failed in the new worktree '"
        + worktree + "' (exit " + result.exitCode() + "): " + result.stderr() + ". " + next);
  }

  /** Lists the worktrees that git records, the main one first. */
  public List<WorktreeInfo> listWorktrees() {
    return worktrees.list();
  }

  /**
   * Removes a linked worktree. Without {@code force} a worktree with uncommitted changes or
   * untracked files is kept, and the exception names those files. The branch stays.
   *
   * @throws GitException when the folder is not a linked worktree, or it is dirty and
   *     {@code force} is false
   */
  public void removeWorktree(Path path, boolean force) {
    worktrees.remove(path.toAbsolutePath().normalize(), force);
  }

  /**
   * Returns the paths with uncommitted changes (tracked or untracked, not ignored) in a working
   * tree, relative to its root. Works on the main working tree and on linked worktrees.
   */
  public Set<String> uncommittedPaths(Path workingTree) {
    return Worktrees.uncommitted(workingTree);
  }

  /**
   * Deletes a branch. Refuses a branch checked out in any worktree, and, without {@code force},
   * a branch with commits that are not in {@code into}. After a squash merge the branch's commits
   * are not ancestors of {@code into}, so deleting it then needs {@code force}.
   *
   * @throws GitException when the branch does not exist or one of the checks fails
   */
  public void deleteBranch(String branch, String into, boolean force) {
    String name = Refs.shortName(branch);
    ObjectId head = Refs.head(repo, name).orElseThrow(() -> new GitException(
        "Branch '" + name + "' does not exist, so it cannot be deleted."));
    for (WorktreeInfo worktree : worktrees.list()) {
      if (name.equals(worktree.branch())) {
        throw new GitException("Branch '" + name + "' is checked out in '" + worktree.path()
            + "' and was not deleted. Remove that worktree or switch it to another branch first.");
      }
    }
    if (!force && !isMerged(name, into)) {
      throw new GitException("Branch '" + name + "' has " + unmergedCount(name, into)
          + " commit(s) that are not in '" + into + "' and was not deleted. Merge it first, or"
          + " delete it with force when those commits are not needed (a squash merge leaves"
          + " them unmerged by ancestry).");
    }
    try {
      RefUpdate update = repo.updateRef(Constants.R_HEADS + name);
      update.setExpectedOldObjectId(head);
      update.setForceUpdate(true);
      RefUpdate.Result result = update.delete();
      if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
        throw new GitException("Branch '" + name + "' could not be deleted (" + result
            + "). It may have moved meanwhile. Try again.");
      }
      LOG.info("Deleted branch '{}' at {}", name, head.name());
    } catch (IOException e) {
      throw failure("delete branch '" + name + "'", e);
    }
  }

  /** Returns true when every commit of {@code branch} is reachable from {@code into}. */
  public boolean isMerged(String branch, String into) {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(Refs.commit(repo, walk, branch), Refs.commit(repo, walk, into));
    } catch (IOException e) {
      throw failure("compare '" + branch + "' with '" + into + "'", e);
    }
  }

  /** Reads a file as it is at a commit or branch, or empty when it does not exist there. */
  public Optional<String> readFile(String revision, String path) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = Refs.commit(repo, walk, revision);
      try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
        if (tree == null || tree.isSubtree()) {
          return Optional.empty();
        }
        byte[] bytes = repo.open(tree.getObjectId(0)).getBytes();
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw failure("read '" + path + "' at '" + revision + "'", e);
    }
  }

  /** Returns the files tracked at a revision, in git's path order. */
  public List<String> trackedFiles(String revision) {
    List<String> files = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(Refs.commit(repo, walk, revision).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        files.add(tree.getPathString());
      }
      return files;
    } catch (IOException e) {
      throw failure("list the files of '" + revision + "'", e);
    }
  }

  /** Returns the files {@code branch} changed since its merge base with {@code into}. */
  public Set<String> changedSinceMergeBase(String branch, String into) {
    Set<String> changed = new LinkedHashSet<>();
    try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
      RevCommit tip = Refs.commit(repo, walk, branch);
      RevCommit base = Refs.mergeBase(repo, tip, Refs.commit(repo, walk, into));
      if (base == null) {
        tree.addTree(new EmptyTreeIterator());
      } else {
        tree.addTree(walk.parseCommit(base).getTree());
      }
      tree.addTree(tip.getTree());
      tree.setRecursive(true);
      tree.setFilter(TreeFilter.ANY_DIFF);
      while (tree.next()) {
        changed.add(tree.getPathString());
      }
      return changed;
    } catch (IOException e) {
      throw failure("compare '" + branch + "' with '" + into + "'", e);
    }
  }

  /**
   * Commits the given paths of a working tree, and only them, on its current branch. Other
   * changes, staged or not, stay as they are. A path may name a folder. Hooks do not run.
   *
   * @return the new commit id, or empty when nothing changed
   */
  public Optional<String> commitPaths(Path workingTree, List<String> paths, String message) {
    return Worktrees.commitPaths(workingTree, paths, message);
  }

  /**
   * Adds the {@link #RUNTIME_EXCLUDES} lines that are missing to {@code .git/info/exclude}, so
   * that sf's runtime data is never committed. Running it again changes nothing.
   */
  public void ensureRuntimeExcludes() {
    Path exclude = repo.getDirectory().toPath().resolve("info").resolve("exclude");
    try {
      String text = Files.exists(exclude) ? Files.readString(exclude) : "";
      List<String> present = text.lines().map(String::strip).toList();
      StringBuilder added = new StringBuilder();
      for (String line : RUNTIME_EXCLUDES) {
        if (!present.contains(line)) {
          added.append(line).append('\n');
        }
      }
      if (added.length() == 0) {
        return;
      }
      String prefix = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
      AtomicFiles.writeString(exclude, prefix + "# sf runtime data\n" + added);
      LOG.info("Added sf runtime paths to '{}'", exclude);
    } catch (IOException e) {
      throw failure("update '" + exclude + "'", e);
    }
  }

  /**
   * Merges {@code request.branch()} into {@code request.into()}, computed in memory first. On any
   * conflict or refusal nothing is touched. See {@code docs/merging.md} for the rules.
   *
   * @throws GitException when a branch does not exist, or the integration branch moved during
   *     the merge
   */
  public MergeOutcome merge(MergeRequest request) {
    try {
      return new MergeRunner(repo, root, worktrees).merge(request);
    } catch (IOException e) {
      throw failure("merge '" + request.branch() + "' into '" + request.into() + "'", e);
    }
  }

  /**
   * Finishes a merge into the checked-out integration branch that a dead process left half done:
   * the branch moved but the project's index and files were not updated. Does nothing when no
   * merge was interrupted.
   *
   * @return what was done, or empty when nothing was interrupted
   * @throws GitException when a changed file holds neither its old nor its merged content
   */
  public Optional<String> finishInterruptedMerge() {
    return InterruptedMerge.finish(repo, root);
  }

  /**
   * Computes what merging {@code branch} into {@code into} would bring, touching nothing. When
   * the merge is clean the diff runs from {@code into} to the merge result; on conflict it runs
   * from the merge base to {@code branch} and {@link DiffSummary#conflicts()} lists the files.
   */
  public DiffSummary diff(String branch, String into, boolean withPatch) {
    try {
      return new Diffs(repo).diff(branch, into, withPatch);
    } catch (IOException e) {
      throw failure("diff '" + branch + "' against '" + into + "'", e);
    }
  }

  /** Returns the files on which two branches would conflict, computed in memory. */
  public List<String> predictConflicts(String branchA, String branchB) {
    try {
      return new Diffs(repo).predictConflicts(branchA, branchB);
    } catch (IOException e) {
      throw failure("merge '" + branchA + "' with '" + branchB + "' in memory", e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }

  private ObjectId resolve(String revision) {
    try {
      return repo.resolve(revision + "^{commit}");
    } catch (IOException e) {
      return null;
    }
  }

  private int unmergedCount(String branch, String into) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(Refs.commit(repo, walk, branch));
      walk.markUninteresting(Refs.commit(repo, walk, into));
      int count = 0;
      while (walk.next() != null) {
        count++;
      }
      return count;
    } catch (IOException e) {
      throw failure("count the commits of '" + branch + "'", e);
    }
  }

  private GitException failure(String action, IOException e) {
    LOG.error("Could not {} in '{}'", action, root, e);
    return new GitException("Could not " + action + " in '" + root + "': " + e.getMessage(), e);
  }
}
