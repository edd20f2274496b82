package dev.sf.core.git;

import dev.sf.errors.GitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/** Branch and revision lookups shared by the git classes. */
final class Refs {

  private Refs() {}

  /** Returns {@code branch} without a leading {@code refs/heads/}. */
  static String shortName(String branch) {
    return branch.startsWith(Constants.R_HEADS)
        ? branch.substring(Constants.R_HEADS.length()) : branch;
  }

  /** Returns the commit a branch points to, or empty when it does not exist. */
  static Optional<ObjectId> head(Repository repo, String branch) {
    try {
      Ref ref = repo.exactRef(Constants.R_HEADS + shortName(branch));
      return ref == null ? Optional.empty() : Optional.ofNullable(ref.getObjectId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resolves a branch, tag or commit id to a commit, or throws a clear exception. */
  static RevCommit commit(Repository repo, RevWalk walk, String revision) throws IOException {
    ObjectId id = repo.resolve(revision + "^{commit}");
    if (id == null) {
      throw new GitException("Revision '" + revision + "' was not found in '"
          + repo.getWorkTree() + "'. Check the branch name or commit id.");
    }
    return walk.parseCommit(id);
  }

  /** Returns the best common ancestor of two commits, or null when they share no history. */
  static RevCommit mergeBase(Repository repo, ObjectId a, ObjectId b) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(a));
      walk.markStart(walk.parseCommit(b));
      return walk.next();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
