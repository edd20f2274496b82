package dev.sf.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Lists the tracked paths of a working tree with uncommitted changes: the paths that
 * {@code git status} reports with a code other than {@code ??}. A path counts when its index
 * entry differs from the commit's tree (staged, added, deleted or unmerged) or its file differs
 * from the index entry (modified, deleted, or another type).
 *
 * <p>It runs in the process, where {@code git status} would start a process and list untracked
 * files too. Folders that neither the tree nor the index has are not entered, so untracked files
 * cost nothing. A file whose size and modification time match its index entry counts as
 * unchanged. A file whose modification time differs is read and hashed, as JGit does. Unlike
 * git, the change time and the inode number are not compared. Entries marked assume-unchanged
 * or skip-worktree count only for their index entry, as in {@code git status}.
 *
 * <p>NOTE: a submodule counts as changed only when its checked-out commit differs from the
 * index; {@code git status} also reports changed files inside it.
 */
final class TrackedChanges {

  private static final int TREE = 0;
  private static final int INDEX = 1;
  private static final int FILES = 2;

  private TrackedChanges() {}

  /**
   * Returns the changed tracked paths of {@code repo}'s working tree against the commit tree
   * {@code headTree}, sorted as git sorts paths.
   */
  static List<String> find(Repository repo, ObjectId headTree) throws IOException {
    List<String> changed = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(headTree);
      walk.addTree(new DirCacheIterator(repo.readDirCache()));
      FileTreeIterator files = new FileTreeIterator(repo);
      files.setDirCacheIterator(walk, INDEX);
      walk.addTree(files);
      walk.setRecursive(true);
      walk.setFilter(new Tracked());
      while (walk.next()) {
        if (changed(walk)) {
          String path = walk.getPathString();
          if (changed.isEmpty() || !changed.get(changed.size() - 1).equals(path)) {
            changed.add(path);
          }
        }
      }
    }
    return changed;
  }

  private static boolean changed(TreeWalk walk) throws IOException {
    DirCacheIterator index = walk.getTree(INDEX, DirCacheIterator.class);
    if (index == null) {
      return true;
    }
    DirCacheEntry entry = index.getDirCacheEntry();
    if (entry.getStage() != DirCacheEntry.STAGE_0 || walk.getRawMode(TREE) == 0
        || walk.getRawMode(TREE) != walk.getRawMode(INDEX) || !walk.idEqual(TREE, INDEX)) {
      return true;
    }
    if (entry.isAssumeValid() || entry.isSkipWorkTree()) {
      return false;
    }
    WorkingTreeIterator file = walk.getTree(FILES, WorkingTreeIterator.class);
    return file == null || file.isModified(entry, true, walk.getObjectReader());
  }

  /** Selects what the tree or the index has, so that untracked folders are not entered. */
  private static final class Tracked extends TreeFilter {

    @Override
    public boolean include(TreeWalk walk) {
      return walk.getRawMode(TREE) != 0 || walk.getRawMode(INDEX) != 0;
    }

    @Override
    public boolean shouldBeRecursive() {
      return false;
    }

    @Override
    public TreeFilter clone() {
      return this;
    }
  }
}
