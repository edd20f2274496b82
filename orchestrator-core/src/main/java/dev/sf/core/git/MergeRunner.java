package dev.sf.core.git;

import dev.sf.core.model.MergeStyle;
import dev.sf.errors.GitException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link ProjectGit#merge(MergeRequest)}: checks the project root, computes the merge
 * in memory, and only when it is clean writes the commit, moves the integration branch with a
 * compare-and-set and checks the changed files out into the project root.
 */
final class MergeRunner {

  private static final Logger LOG = LoggerFactory.getLogger(MergeRunner.class);

  private final Repository repo;
  private final Path root;
  private final Worktrees worktrees;

  MergeRunner(Repository repo, Path root, Worktrees worktrees) {
    this.repo = repo;
    this.root = root;
    this.worktrees = worktrees;
  }

  MergeOutcome merge(MergeRequest request) throws IOException {
    String into = Refs.shortName(request.into());
    ObjectId intoId = Refs.head(repo, into).orElseThrow(() -> new GitException(
        "Integration branch '" + into + "' does not exist. Check the branch name."));
    ObjectId branchId = Refs.head(repo, request.branch()).orElseThrow(() -> new GitException(
        "Milestone branch '" + request.branch() + "' does not exist. Check the branch name."));
    boolean squash = request.style() == MergeStyle.SQUASH;
    try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = newInserter()) {
      RevCommit intoHead = walk.parseCommit(intoId);
      RevCommit branchHead = walk.parseCommit(branchId);
      if (walk.isMergedInto(branchHead, intoHead)) {
        return new MergeOutcome.NothingToMerge(branchId.name());
      }
      Optional<RevCommit> previous = squash ? previousMerged(walk, request) : Optional.empty();
      if (previous.isPresent() && previous.get().equals(branchHead)) {
        return new MergeOutcome.NothingToMerge(branchId.name());
      }
      boolean inRoot = ("refs/heads/" + into).equals(repo.getFullBranch());
      // The tracked files of the project root are compared with the index and the index with
      // the branch on their own thread while the merge is computed in memory, which writes
      // nothing but new objects.
      ObjectId rootTree = intoHead.getTree();
      FutureTask<List<String>> status =
          new FutureTask<>(() -> TrackedChanges.find(repo, rootTree));
      if (inRoot) {
        Thread statusThread = new Thread(status, "sf-merge-status");
        statusThread.setDaemon(true);
        statusThread.start();
      }
      ObjectId baseTree = previous.isPresent()
          ? walk.parseCommit(previous.get()).getTree()
          : MergeBases.baseTree(repo, inserter, intoHead, branchHead);
      InMemoryMerge.Computation result = InMemoryMerge.compute(repo, inserter, baseTree,
          intoHead.getTree(), branchHead.getTree(), request.milestoneId());
      Optional<MergeOutcome> refused =
          inRoot ? checkRoot(awaitStatus(status)) : checkedOutElsewhere(into);
      if (refused.isPresent()) {
        return refused.get();
      }
      if (!result.clean()) {
        LOG.info("Merge of '{}' into '{}' conflicts on {}", request.branch(), into,
            result.conflicts());
        return new MergeOutcome.Conflict(result.conflicts());
      }
      if (squash && result.resultTree().equals(intoHead.getTree())) {
        return new MergeOutcome.NothingToMerge(branchId.name());
      }
      // The commit goes into the same pack as the merged trees and blobs; the plan below reads
      // them once the pack is written. A merge the plan blocks leaves an unreachable commit.
      ObjectId commit = writeCommit(inserter, request, result.resultTree(),
          squash ? List.of(intoHead) : List.of(intoHead, branchHead));
      DirCache index = inRoot ? repo.lockDirCache() : null;
      try {
        RootUpdate update = null;
        if (inRoot) {
          update = RootUpdate.plan(repo, root, index, intoHead.getTree(), result.resultTree());
          Optional<MergeOutcome> blocked = blocked(update);
          if (blocked.isPresent()) {
            return blocked.get();
          }
        }
        moveBranch(into, intoHead, commit, update);
        LOG.info("Merged '{}' ({}) into '{}' as {}", request.branch(), branchId.name(), into,
            commit.name());
        return new MergeOutcome.Merged(commit.name(), branchId.name(), result.dropped());
      } finally {
        if (index != null) {
          index.unlock();
        }
      }
    }
  }

  /**
   * Returns an inserter that writes the merge's new trees, blobs and commit into one pack file.
   * The repository's default inserter writes a loose object file for each, and creating those
   * files took about 15 ms of a 35 ms in-memory merge in {@code MergeBenchmark} (22 trees, on a
   * 2-core Firecracker VM with ext4). Git's {@code gc --auto} folds the small packs together
   * once there are more than {@code gc.autoPackLimit} (50 by default).
   */
  private ObjectInserter newInserter() {
    if (repo.getObjectDatabase() instanceof ObjectDirectory directory) {
      return directory.newPackInserter();
    }
    return repo.newObjectInserter();
  }

  private Optional<RevCommit> previousMerged(RevWalk walk, MergeRequest request)
      throws IOException {
    if (request.previousMerged() == null || request.previousMerged().isEmpty()) {
      return Optional.empty();
    }
    String revision = request.previousMerged().get();
    ObjectId id = repo.resolve(revision + "^{commit}");
    if (id == null) {
      throw new GitException("Previously merged commit '" + revision + "' of branch '"
          + request.branch() + "' is not in the repository. Merge without it to use the real"
          + " merge base.");
    }
    return Optional.of(walk.parseCommit(id));
  }

  private static List<String> awaitStatus(FutureTask<List<String>> status) throws IOException {
    try {
      return status.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while comparing the project root's files"
          + " with the index");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("Comparing the project root's files with the index failed: "
          + e.getCause(), e.getCause());
    }
  }

  private Optional<MergeOutcome> checkRoot(List<String> dirty) {
    if (repo.getRepositoryState() != RepositoryState.SAFE) {
      return Optional.of(new MergeOutcome.Refused("The project root '" + root + "' is in the"
          + " middle of an operation (" + repo.getRepositoryState().getDescription()
          + "). Finish or abort it with git, then merge again.", List.of()));
    }
    if (dirty.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MergeOutcome.Refused("The project root '" + root + "' has uncommitted"
        + " changes to tracked files. Commit or stash them yourself, then merge again.", dirty));
  }

  private Optional<MergeOutcome> checkedOutElsewhere(String into) {
    return worktrees.withBranch(into).map(w -> new MergeOutcome.Refused("Integration branch '"
        + into + "' is checked out in the worktree '" + w.path() + "', not in the project root."
        + " Check it out in '" + root + "' or switch that worktree to another branch.",
        List.of()));
  }

  private Optional<MergeOutcome> blocked(RootUpdate update) {
    if (!update.untracked().isEmpty()) {
      return Optional.of(new MergeOutcome.Refused("Untracked files in '" + root + "' would be"
          + " overwritten by the merge. Move or delete them, then merge again.",
          update.untracked()));
    }
    if (!update.modified().isEmpty()) {
      return Optional.of(new MergeOutcome.Refused("Files in '" + root + "' changed while"
          + " merging and would be overwritten. Commit or move them, then merge again.",
          update.modified()));
    }
    return Optional.empty();
  }

  private ObjectId writeCommit(ObjectInserter inserter, MergeRequest request, ObjectId tree,
      List<RevCommit> parents) throws IOException {
    PersonIdent ident = new PersonIdent(repo);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setMessage(request.message().endsWith("\n")
        ? request.message() : request.message() + "\n");
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    return id;
  }

  /**
   * Moves {@code into} from {@code oldHead} to {@code commit}, and when {@code update} is not
   * null updates the project root's index and files. The caller holds the index lock from before
   * this call until after it, so no other git process can change the index in between.
   */
  private void moveBranch(String into, RevCommit oldHead, ObjectId commit, RootUpdate update)
      throws IOException {
    if (update != null) {
      InterruptedMerge.begin(repo, into, oldHead, commit);
    }
    RefUpdate ref = repo.updateRef(Constants.R_HEADS + into);
    ref.setExpectedOldObjectId(oldHead);
    ref.setNewObjectId(commit);
    ref.setRefLogMessage("sf merge", false);
    RefUpdate.Result result;
    try (RevWalk walk = new RevWalk(repo)) {
      result = ref.update(walk);
    }
    if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.FORCED) {
      InterruptedMerge.end(repo);
      LOG.warn("Ref update of '{}' to {} returned {}", into, commit.name(), result);
      Path refLock = repo.getDirectory().toPath().resolve(Constants.R_HEADS + into + ".lock");
      if (result == RefUpdate.Result.LOCK_FAILURE && Files.exists(refLock)) {
        throw new GitException("Integration branch '" + into + "' could not be moved to "
            + commit.name() + " because " + refLock + " exists: another git command is"
            + " updating the branch, or one ended before it finished. Remove the file when no"
            + " git command runs in '" + root + "', then merge again.");
      }
      throw new GitException("Integration branch '" + into + "' could not be moved to "
          + commit.name() + " (" + result + "). It probably moved during the merge, so merge"
          + " again.");
    }
    if (update == null) {
      return;
    }
    try {
      update.apply();
    } catch (IOException e) {
      LOG.error("Branch '{}' moved to {} but updating the files in '{}' failed", into,
          commit.name(), root, e);
      throw new GitException("Integration branch '" + into + "' now points to the merge "
          + commit.name() + ", but updating the files in '" + root + "' failed: "
          + e.getMessage() + ". Run 'git status' there and restore the files with"
          + " 'git checkout -- <file>'.", e);
    }
    InterruptedMerge.end(repo);
  }
}
