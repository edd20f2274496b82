package dev.sf.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Three-way merge of trees in memory, with sf's rules for {@code .sf/} files. Nothing here touches
 * a ref, the index or a working tree: new blobs and trees go to the object database only.
 *
 * <p>With a milestone id, two rules shape the inputs before JGit's merger runs. A path under
 * {@code .sf/milestones/<id>/} that the branch changed takes the branch's version: the base entry
 * is replaced by the integration side's entry, so the merger sees "only the branch changed it".
 * A path elsewhere under {@code .sf/} that the branch changed is reset to the base version on the
 * branch side, so the merge leaves it as the integration branch has it, and the path is reported
 * as dropped.
 */
final class InMemoryMerge {

  private static final String SF = ".sf";

  /**
   * The merge result.
   *
   * @param resultTree the merged tree, or null on conflict
   * @param conflicts the conflicting paths, sorted; empty when clean
   * @param dropped the other milestones' {@code .sf/} paths left out, sorted
   */
  record Computation(ObjectId resultTree, List<String> conflicts, List<String> dropped) {

    boolean clean() {
      return resultTree != null;
    }
  }

  /** A tree entry: the object and its mode. */
  record Entry(ObjectId id, FileMode mode) {}

  /** The three trees of a merge. */
  record Trees(ObjectId base, ObjectId ours, ObjectId theirs) {}

  private InMemoryMerge() {}

  /**
   * Merges {@code theirs} into {@code ours} over {@code base}; all three are tree ids and
   * {@code base} may be null for unrelated histories. {@code milestoneId} may be null to skip the
   * {@code .sf/} rules. New trees and blobs go through {@code inserter}, and the caller flushes it
   * before another reader looks for them.
   */
  static Computation compute(
      Repository repo, ObjectInserter inserter, ObjectId base, ObjectId ours, ObjectId theirs,
      String milestoneId) throws IOException {
    ObjectId baseTree = base != null ? base : inserter.insert(new TreeFormatter());
    ObjectId theirsTree = theirs;
    List<String> dropped = new ArrayList<>();
    if (milestoneId != null) {
      try (ObjectReader reader = inserter.newReader()) {
        Map<String, Entry> baseSf = sfEntries(reader, baseTree);
        Map<String, Entry> oursSf = sfEntries(reader, ours);
        Map<String, Entry> theirsSf = sfEntries(reader, theirs);
        String own = SF + "/milestones/" + milestoneId + "/";
        Map<String, Entry> baseEdits = new HashMap<>();
        Map<String, Entry> theirsEdits = new HashMap<>();
        TreeSet<String> paths = new TreeSet<>(baseSf.keySet());
        paths.addAll(theirsSf.keySet());
        for (String path : paths) {
          if (Objects.equals(baseSf.get(path), theirsSf.get(path))) {
            continue;
          }
          if (path.startsWith(own)) {
            baseEdits.put(path, oursSf.get(path));
          } else {
            theirsEdits.put(path, baseSf.get(path));
            dropped.add(path);
          }
        }
        baseTree = edit(reader, inserter, baseTree, baseEdits);
        theirsTree = edit(reader, inserter, theirs, theirsEdits);
      }
    }
    ObjectId oursTree = ours;
    TreeSet<String> conflicts = new TreeSet<>();
    if (base != null) {
      try (ObjectReader reader = inserter.newReader()) {
        Renames renames = new Renames(reader, inserter, repo.getConfig());
        Trees followed = renames.follow(new Trees(baseTree, oursTree, theirsTree));
        baseTree = followed.base();
        oursTree = followed.ours();
        theirsTree = followed.theirs();
        conflicts.addAll(renames.conflicts());
      }
    }
    ResolveMerger merger =
        (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repo.getConfig());
    merger.setBase(baseTree);
    boolean clean = merger.merge(false, oursTree, theirsTree);
    if (clean && conflicts.isEmpty()) {
      return new Computation(merger.getResultTreeId(), List.of(), List.copyOf(dropped));
    }
    if (merger.getUnmergedPaths() != null) {
      conflicts.addAll(merger.getUnmergedPaths());
    }
    if (merger.getFailingPaths() != null) {
      conflicts.addAll(merger.getFailingPaths().keySet());
    }
    return new Computation(null, List.copyOf(conflicts), List.copyOf(dropped));
  }

  private static Map<String, Entry> sfEntries(ObjectReader reader, ObjectId tree)
      throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      walk.setFilter(PathFilter.create(SF));
      while (walk.next()) {
        entries.put(walk.getPathString(), new Entry(walk.getObjectId(0), walk.getFileMode(0)));
      }
    }
    return entries;
  }

  /** Returns a tree like {@code tree} with each path set to its entry, or removed for null. */
  static ObjectId edit(
      ObjectReader reader, ObjectInserter inserter, ObjectId tree, Map<String, Entry> edits)
      throws IOException {
    if (edits.isEmpty()) {
      return tree;
    }
    DirCache cache = DirCache.newInCore();
    DirCacheBuilder builder = cache.builder();
    builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tree);
    builder.finish();
    DirCacheEditor editor = cache.editor();
    for (Map.Entry<String, Entry> edit : edits.entrySet()) {
      Entry entry = edit.getValue();
      if (entry == null) {
        editor.add(new DirCacheEditor.DeletePath(edit.getKey()));
      } else {
        editor.add(new DirCacheEditor.PathEdit(edit.getKey()) {
          @Override
          public void apply(DirCacheEntry target) {
            target.setFileMode(entry.mode());
            target.setObjectId(entry.id());
          }
        });
      }
    }
    editor.finish();
    return cache.writeTree(inserter);
  }
}
