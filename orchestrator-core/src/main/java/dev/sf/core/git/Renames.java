package dev.sf.core.git;

import dev.sf.core.git.InMemoryMerge.Entry;
import dev.sf.core.git.InMemoryMerge.Trees;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rename handling for the in-memory merge, whose merger compares paths only. Without it, a file
 * renamed on one side and modified on the other is a modify/delete conflict on the old path.
 *
 * <p>For each file that one side renamed and the other side modified in place, the base and the
 * modifying side are rewritten so that the file sits at its new path there too. The merger then
 * finds one path changed on both sides and merges the two contents, as git's default merge does.
 * Renames are found as git's merge finds them: exact renames, and renames of files at least 50%
 * similar, within the {@code merge.renames} and {@code merge.renameLimit} settings, which fall
 * back to {@code diff.renames} and {@code diff.renameLimit}.
 *
 * <p>Only that case is rewritten. A rename on both sides, a rename against a delete, or a new
 * path that the other side also uses are left to the merger as plain adds and deletes. Folder
 * renames are not followed: a file the other side added to a renamed folder stays in the old
 * folder.
 */
final class Renames {
  private static final Logger LOG = LoggerFactory.getLogger(Renames.class);

  /** The similarity, in percent, from which git's merge takes an add and a delete as a rename. */
  private static final int RENAME_SCORE = 50;

  private final ObjectReader reader;
  private final ObjectInserter inserter;
  private final DiffConfig diff;
  private final boolean enabled;
  private final int limit;

  /**
   * Creates the rename handling for one merge.
   *
   * @param reader a reader that sees the objects {@code inserter} has not flushed yet
   * @param inserter where the rewritten trees go
   * @param config the repository's settings
   */
  Renames(ObjectReader reader, ObjectInserter inserter, Config config) {
    this.reader = reader;
    this.inserter = inserter;
    this.diff = config.get(DiffConfig.KEY);
    // Git turns rename detection on when neither setting is given, but JGit's parser turns it off.
    boolean diffRenames = config.getString("diff", null, "renames") == null
        || diff.isRenameDetectionEnabled();
    this.enabled = config.getBoolean("merge", "renames", diffRenames);
    this.limit = config.getInt("merge", "renameLimit", diff.getRenameLimit());
  }

  /** Returns the trees with each renamed-and-modified file moved to its new path. */
  Trees follow(Trees trees) throws IOException {
    if (!enabled) {
      return trees;
    }
    Map<String, String> oursRenames = renames(trees.base(), trees.ours());
    Map<String, String> theirsRenames = renames(trees.base(), trees.theirs());
    if (oursRenames.isEmpty() && theirsRenames.isEmpty()) {
      return trees;
    }
    Map<String, Entry> baseEdits = new HashMap<>();
    Map<String, Entry> oursEdits = new HashMap<>();
    Map<String, Entry> theirsEdits = new HashMap<>();
    for (Map.Entry<String, String> rename : theirsRenames.entrySet()) {
      move(rename.getKey(), rename.getValue(), oursRenames, trees.base(), trees.ours(),
          baseEdits, oursEdits);
    }
    for (Map.Entry<String, String> rename : oursRenames.entrySet()) {
      move(rename.getKey(), rename.getValue(), theirsRenames, trees.base(), trees.theirs(),
          baseEdits, theirsEdits);
    }
    if (baseEdits.isEmpty()) {
      return trees;
    }
    return new Trees(InMemoryMerge.edit(reader, inserter, trees.base(), baseEdits),
        InMemoryMerge.edit(reader, inserter, trees.ours(), oursEdits),
        InMemoryMerge.edit(reader, inserter, trees.theirs(), theirsEdits));
  }

  /**
   * Moves {@code from} to {@code to} in the base and in the other side when the other side
   * modified the file in place and the move collides with nothing.
   */
  private void move(String from, String to, Map<String, String> otherRenames, ObjectId base,
      ObjectId other, Map<String, Entry> baseEdits, Map<String, Entry> otherEdits)
      throws IOException {
    if (otherRenames.containsKey(from) || baseEdits.containsKey(from)
        || baseEdits.containsKey(to)) {
      return;
    }
    Entry inBase = file(base, from);
    Entry inOther = file(other, from);
    if (inBase == null || inOther == null || inOther.equals(inBase)) {
      return;
    }
    if (exists(base, to) || exists(other, to)) {
      return;
    }
    LOG.debug("Following the rename of '{}' to '{}' in the merge", from, to);
    baseEdits.put(from, null);
    baseEdits.put(to, inBase);
    otherEdits.put(from, null);
    otherEdits.put(to, inOther);
  }

  /** Returns the old and new paths of the files renamed from {@code from} to {@code to}. */
  private Map<String, String> renames(ObjectId from, ObjectId to) throws IOException {
    Map<String, String> renames = new LinkedHashMap<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(from);
      walk.addTree(to);
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      RenameDetector detector = new RenameDetector(reader, diff);
      detector.setRenameScore(RENAME_SCORE);
      detector.setRenameLimit(limit);
      detector.addAll(DiffEntry.scan(walk));
      for (DiffEntry entry : detector.compute()) {
        if (entry.getChangeType() == DiffEntry.ChangeType.RENAME) {
          renames.put(entry.getOldPath(), entry.getNewPath());
        }
      }
    }
    return renames;
  }

  /** Returns the entry at {@code path} when it is a file or link, or null. */
  private Entry file(ObjectId tree, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      if (walk == null || walk.getFileMode(0) == FileMode.TREE
          || walk.getFileMode(0) == FileMode.GITLINK) {
        return null;
      }
      return new Entry(walk.getObjectId(0), walk.getFileMode(0));
    }
  }

  /** Returns true when {@code tree} has an entry at {@code path} or a file at a parent of it. */
  private boolean exists(ObjectId tree, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      if (walk != null) {
        return true;
      }
    }
    int slash = path.lastIndexOf('/');
    while (slash > 0) {
      String parent = path.substring(0, slash);
      Entry entry = file(tree, parent);
      if (entry != null) {
        return true;
      }
      slash = parent.lastIndexOf('/');
    }
    return false;
  }
}
