package dev.sf.core.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Computes {@link ProjectGit#diff} and {@link ProjectGit#predictConflicts}. Both merge in memory;
 * the merged blobs and trees are written to the object database as unreachable objects (which
 * {@code git gc} removes), and no ref, index or working-tree file changes.
 */
final class Diffs {

  private static final String MILESTONE_PREFIX = "milestone/";

  private final Repository repo;

  Diffs(Repository repo) {
    this.repo = repo;
  }

  DiffSummary diff(String branch, String into, boolean withPatch) throws IOException {
    try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
      RevCommit intoHead = Refs.commit(repo, walk, into);
      RevCommit branchHead = Refs.commit(repo, walk, branch);
      ObjectId base = MergeBases.baseTree(repo, inserter, intoHead, branchHead);
      ObjectId baseTree = base == null ? inserter.insert(new TreeFormatter()) : base;
      InMemoryMerge.Computation result = InMemoryMerge.compute(repo, inserter, baseTree,
          intoHead.getTree(), branchHead.getTree(), milestoneId(branch));
      inserter.flush();
      ObjectId from = result.clean() ? intoHead.getTree() : baseTree;
      ObjectId to = result.clean() ? result.resultTree() : branchHead.getTree();
      return summarize(from, to, result.conflicts(), withPatch);
    }
  }

  List<String> predictConflicts(String branchA, String branchB) throws IOException {
    try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
      RevCommit a = Refs.commit(repo, walk, branchA);
      RevCommit b = Refs.commit(repo, walk, branchB);
      return InMemoryMerge.compute(repo, inserter, MergeBases.baseTree(repo, inserter, a, b),
          a.getTree(), b.getTree(), null).conflicts();
    }
  }

  /** Returns the id of a {@code milestone/<id>} branch so that sf's .sf rules apply, or null. */
  static String milestoneId(String branch) {
    String name = Refs.shortName(branch);
    if (!name.startsWith(MILESTONE_PREFIX)) {
      return null;
    }
    String id = name.substring(MILESTONE_PREFIX.length());
    return id.isEmpty() || id.contains("/") ? null : id;
  }

  private static String changeKind(DiffEntry.ChangeType type) {
    switch (type) {
      case ADD:
        return "added";
      case DELETE:
        return "deleted";
      case RENAME:
        return "renamed";
      case COPY:
        return "copied";
      default:
        return "modified";
    }
  }

  private DiffSummary summarize(ObjectId from, ObjectId to, List<String> conflicts,
      boolean withPatch) throws IOException {
    List<DiffSummary.FileStat> files = new ArrayList<>();
    List<DiffEntry> entries;
    try (DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      formatter.setRepository(repo);
      formatter.setDetectRenames(true);
      entries = formatter.scan(from, to);
      for (DiffEntry entry : entries) {
        FileHeader header = formatter.toFileHeader(entry);
        boolean binary = header.getPatchType() != FileHeader.PatchType.UNIFIED;
        int added = 0;
        int removed = 0;
        if (!binary) {
          for (Edit edit : header.toEditList()) {
            added += edit.getLengthB();
            removed += edit.getLengthA();
          }
        }
        String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE
            ? entry.getOldPath() : entry.getNewPath();
        files.add(new DiffSummary.FileStat(
            path, changeKind(entry.getChangeType()), added, removed, binary));
      }
    }
    String patch = null;
    if (withPatch) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (DiffFormatter formatter = new DiffFormatter(buffer)) {
        formatter.setRepository(repo);
        formatter.setDetectRenames(true);
        formatter.format(formatter.scan(from, to));
      }
      patch = buffer.toString(StandardCharsets.UTF_8);
    }
    return new DiffSummary(List.copyOf(files), List.copyOf(conflicts), patch);
  }
}
