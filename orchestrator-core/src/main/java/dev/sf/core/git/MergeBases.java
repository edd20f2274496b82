package dev.sf.core.git;

import java.io.IOException;
import org.eclipse.jgit.errors.NoMergeBaseException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.RecursiveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of a three-way merge, found as git's recursive merge finds it. Two branches that
 * merged each other (a criss-cross history) have more than one best common ancestor. Merging
 * over only one of them can conflict where git's merge does not, so the ancestors are merged
 * into a virtual base first. Conflicts in that merge stay in the virtual
 * base as conflict markers, as git leaves them.
 *
 * <p>The class extends JGit's recursive merger only to reach its protected base computation.
 * It merges nothing else.
 */
final class MergeBases extends RecursiveMerger {
  private static final Logger LOG = LoggerFactory.getLogger(MergeBases.class);

  private MergeBases(ObjectInserter inserter, Repository repo) {
    super(inserter, repo.getConfig());
  }

  /**
   * Returns the tree to merge {@code a} and {@code b} over, or null when the two commits share
   * no history. A virtual base's tree and commit go through {@code inserter}.
   *
   * @throws IOException when an object cannot be read or written
   */
  static ObjectId baseTree(Repository repo, ObjectInserter inserter, AnyObjectId a,
      AnyObjectId b) throws IOException {
    MergeBases bases = new MergeBases(inserter, repo);
    try {
      RevCommit base = bases.getBaseCommit(bases.walk.parseCommit(a), bases.walk.parseCommit(b),
          0);
      return base == null ? null : base.getTree();
    } catch (NoMergeBaseException e) {
      RevCommit first = Refs.mergeBase(repo, a.toObjectId(), b.toObjectId());
      LOG.warn("No virtual merge base for {} and {}, so the merge uses their first common"
          + " ancestor {}", a.name(), b.name(), first == null ? "(none)" : first.name(), e);
      return first == null ? null : first.getTree();
    } finally {
      bases.walk.close();
      bases.reader.close();
    }
  }
}
