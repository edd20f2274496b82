package dev.sf.core.git;

import dev.sf.core.git.InMemoryMerge.Entry;
import dev.sf.core.git.InMemoryMerge.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
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
 * back to {@code diff.renames} and {@code diff.renameLimit}. As in git, the added files are
 * compared only with the deleted files that the other side changed or deleted too, and with
 * those that have an added file's content. A move of many files thus stays within the limit.
 *
 * <p>Only that case is rewritten, and a rename on both sides to the same path, which moves the
 * file in the base only. A rename on both sides to different paths and a rename against a
 * delete are reported as conflicts, as git reports them (see {@link #conflicts}). A new path
 * that the other side also uses is left to the merger as a plain add. Empty files are never
 * taken as renamed. Folder renames are not followed: a file the other side added to a renamed
 * folder stays in the old folder.
 */
final class Renames {
  private static final Logger LOG = LoggerFactory.getLogger(Renames.class);

  /** The similarity, in percent, from which git's merge takes an add and a delete as a rename. */
  private static final int RENAME_SCORE = 50;
  private static final ObjectId EMPTY_BLOB =
      new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, new byte[0]);

  private final ObjectReader reader;
  private final ObjectInserter inserter;
  private final DiffConfig diffConfig;
  private final Set<String> conflicts = new TreeSet<>();
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
    this.diffConfig = config.get(DiffConfig.KEY);
    // Git turns rename detection on when neither setting is given, but JGit's parser turns it off.
    boolean diffRenames = config.getString("diff", null, "renames") == null
        || diffConfig.isRenameDetectionEnabled();
    this.enabled = config.getBoolean("merge", "renames", diffRenames);
    // NOTE: with neither limit set this is JGit's default of 400, where git's merge uses 7000.
    this.limit = config.getInt("merge", "renameLimit", diffConfig.getRenameLimit());
  }

  /**
   * Returns the trees with each renamed-and-modified file, and each file that both sides renamed
   * to one path, moved to its new path.
   */
  Trees follow(Trees trees) throws IOException {
    if (!enabled) {
      return trees;
    }
    List<DiffEntry> oursDiff = diff(trees.base(), trees.ours());
    List<DiffEntry> theirsDiff = diff(trees.base(), trees.theirs());
    // Both sets come first, because rename detection changes the entries it is given.
    Set<String> oursChanged = changedOrDeleted(oursDiff);
    Set<String> theirsChanged = changedOrDeleted(theirsDiff);
    Map<String, String> oursRenames = renames(oursDiff, theirsChanged);
    Map<String, String> theirsRenames = renames(theirsDiff, oursChanged);
    if (oursRenames.isEmpty() && theirsRenames.isEmpty()) {
      return trees;
    }
    addConflicts(theirsRenames, oursRenames, trees.ours());
    addConflicts(oursRenames, theirsRenames, trees.theirs());

    Map<String, Entry> baseEdits = new HashMap<>();
    Map<String, Entry> oursEdits = new HashMap<>();
    Map<String, Entry> theirsEdits = new HashMap<>();
    for (Map.Entry<String, String> rename : theirsRenames.entrySet()) {
      if (rename.getValue().equals(oursRenames.get(rename.getKey()))) {
        moveInBase(rename.getKey(), rename.getValue(), trees.base(), baseEdits);
      }
    }

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
   * Returns the paths of the renames that git's merge reports as conflicts, found by the last
   * {@link #follow}: a file renamed on one side and deleted on the other (rename/delete), and a
   * file renamed to a different path on each side (rename/rename). The merger alone would keep
   * the renamed file without the delete, or the file twice.
   */
  Set<String> conflicts() {
    return conflicts;
  }

  private void addConflicts(Map<String, String> renames, Map<String, String> otherRenames,
      ObjectId other) throws IOException {
    for (Map.Entry<String, String> rename : renames.entrySet()) {
      String otherTarget = otherRenames.get(rename.getKey());
      if (otherTarget != null && !otherTarget.equals(rename.getValue())) {
        conflicts.add(rename.getValue());
        conflicts.add(otherTarget);
      } else if (otherTarget == null && file(other, rename.getKey()) == null) {
        conflicts.add(rename.getValue());
      }
    }
  }

  /**
   * Moves {@code from} to {@code to} in the base and in the other side when the other side
   * modified the file in place, keeping it a file or a link, and the move collides with nothing.
   * Git takes a link turned into a file, or a file into a link, as a delete and an add, so such
   * a change is not moved to the new path.
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
    if (inBase == null || inOther == null || inOther.equals(inBase)
        || type(inOther) != type(inBase)) {
      return;
    }
    if (exists(base, to, from) || exists(other, to, from)) {
      return;
    }
    LOG.debug("Following the rename of '{}' to '{}' in the merge", from, to);
    baseEdits.put(from, null);
    baseEdits.put(to, inBase);
    otherEdits.put(from, null);
    otherEdits.put(to, inOther);
  }

  /**
   * Moves {@code from} to {@code to} in the base when both sides renamed it there, so that the
   * merger merges the two new contents over the old one, as git does, instead of taking them as
   * two adds.
   */
  private void moveInBase(String from, String to, ObjectId base, Map<String, Entry> baseEdits)
      throws IOException {
    Entry inBase = file(base, from);
    if (inBase == null || exists(base, to, from)) {
      return;
    }
    LOG.debug("Following the rename of '{}' to '{}' on both sides in the merge", from, to);
    baseEdits.put(from, null);
    baseEdits.put(to, inBase);
  }

  private static int type(Entry entry) {
    return entry.mode().getBits() & FileMode.TYPE_MASK;
  }

  /** Returns the files, links and submodules that differ between {@code from} and {@code to}. */
  private List<DiffEntry> diff(ObjectId from, ObjectId to) throws IOException {
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(from);
      walk.addTree(to);
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      return DiffEntry.scan(walk);
    }
  }

  /** Returns the old paths of the entries that change or delete a path. */
  private static Set<String> changedOrDeleted(List<DiffEntry> entries) {
    Set<String> changed = new HashSet<>();
    for (DiffEntry entry : entries) {
      if (entry.getChangeType() == DiffEntry.ChangeType.MODIFY
          || entry.getChangeType() == DiffEntry.ChangeType.DELETE) {
        changed.add(entry.getOldPath());
      }
    }
    return changed;
  }

  /**
   * Returns the old and new paths of the renames among {@code entries}. Of the deleted files,
   * only the {@code relevant} ones and those whose content an added file has are looked at, as
   * git's merge does: the renames of the others change nothing in the merge.
   */
  private Map<String, String> renames(List<DiffEntry> entries, Set<String> relevant)
      throws IOException {
    Map<String, String> renames = new LinkedHashMap<>();
    if (relevant.isEmpty()) {
      return renames;
    }
    Set<AbbreviatedObjectId> addedIds = new HashSet<>();
    for (DiffEntry entry : entries) {
      if (entry.getChangeType() == DiffEntry.ChangeType.ADD) {
        addedIds.add(entry.getNewId());
      }
    }
    List<DiffEntry> candidates = new ArrayList<>();
    long deleted = 0;
    long added = 0;
    for (DiffEntry entry : entries) {
      if (isEmptyFile(entry)) {
        continue;
      }
      if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
        candidates.add(entry);
        added += entry.getChangeType() == DiffEntry.ChangeType.ADD ? 1 : 0;
      } else if (relevant.contains(entry.getOldPath()) || addedIds.contains(entry.getOldId())) {
        candidates.add(entry);
        deleted++;
      }
    }
    RenameDetector detector = new RenameDetector(reader, diffConfig);
    detector.setRenameScore(RENAME_SCORE);
    // Git compares contents when deleted files times added files is at most the limit squared.
    // JGit compares each count with the limit instead, so it is given no limit when git's
    // test passes.
    detector.setRenameLimit(
        limit <= 0 || deleted * added <= (long) limit * limit ? 0 : limit);
    detector.addAll(candidates);
    for (DiffEntry entry : detector.compute()) {
      if (entry.getChangeType() == DiffEntry.ChangeType.RENAME) {
        renames.put(entry.getOldPath(), entry.getNewPath());
      }
    }
    return renames;
  }

  /**
   * Returns true when the entry adds or deletes an empty file. Empty files, such as
   * {@code __init__.py} or {@code .gitkeep}, all share one blob, so pairing them as renames
   * would be guesswork. They stay plain adds and deletes.
   */
  private static boolean isEmptyFile(DiffEntry entry) {
    return switch (entry.getChangeType()) {
      case ADD -> EMPTY_BLOB.equals(entry.getNewId().toObjectId());
      case DELETE -> EMPTY_BLOB.equals(entry.getOldId().toObjectId());
      default -> false;
    };
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

  /**
   * Returns true when {@code tree} has an entry at {@code path} or a file at a parent of it,
   * other than {@code moved}, the file that moves to {@code path}. A file can thus move into a
   * folder of its own name, or over the folder that contains only itself.
   */
  private boolean exists(ObjectId tree, String path, String moved) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      if (walk != null
          && (!walk.isSubtree() || containsOtherThan(walk.getObjectId(0), path, moved))) {
        return true;
      }
    }
    int slash = path.lastIndexOf('/');
    while (slash > 0) {
      String parent = path.substring(0, slash);
      if (!parent.equals(moved) && file(tree, parent) != null) {
        return true;
      }
      slash = parent.lastIndexOf('/');
    }
    return false;
  }

  /** Returns true when {@code tree}, the folder at {@code folder}, has a file but {@code moved}. */
  private boolean containsOtherThan(ObjectId tree, String folder, String moved) throws IOException {
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        if (!(folder + "/" + walk.getPathString()).equals(moved)) {
          return true;
        }
      }
    }
    return false;
  }
}
