package dev.sf.core.model;

import dev.sf.core.model.EligibilityReport.Overlap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds milestones that plan or change the same files without comparing milestones pair by pair.
 * Every path a milestone touches is indexed to the milestones that touch it. Literal patterns and
 * changed files go straight into the index. A literal that names a repository folder gives its
 * owners every file in that folder. Each distinct glob is compiled once and tested only against
 * the repository files under its literal folder prefix, which a binary search finds in the sorted
 * file list. Only paths with two or more owners produce pairs.
 */
final class OverlapFinder {

  private final String[] repository;
  private final Set<String> folders = new HashSet<>();
  private final PathOwners touches;
  private final Map<String, List<Integer>> globOwners = new LinkedHashMap<>();

  private OverlapFinder(Collection<String> repositoryFiles, int expectedPaths) {
    this.repository = repositoryFiles.toArray(String[]::new);
    Arrays.sort(this.repository);
    for (String file : repository) {
      for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
        folders.add(file.substring(0, slash));
      }
    }
    this.touches = new PathOwners(expectedPaths);
  }

  /**
   * Returns the overlaps between the given milestones.
   *
   * @param milestones the milestones to compare
   * @param facts the repository files and each milestone's changed files
   */
  static List<Overlap> find(List<Milestone> milestones, MilestoneFacts facts) {
    int expectedPaths = 0;
    for (Milestone milestone : milestones) {
      expectedPaths += milestone.files().size();
    }
    OverlapFinder finder = new OverlapFinder(facts.repositoryFiles(), expectedPaths);
    for (int i = 0; i < milestones.size(); i++) {
      Milestone milestone = milestones.get(i);
      for (String pattern : milestone.files()) {
        finder.addPattern(pattern, i);
      }
      for (String changed : facts.changedFiles(milestone.id())) {
        finder.touch(changed, i);
      }
    }
    finder.expandFolders();
    finder.expandGlobs();
    return finder.pairs(milestones);
  }

  private void addPattern(String pattern, int owner) {
    String normalized = GlobPattern.normalize(pattern);
    if (normalized.isEmpty()) {
      return;
    }
    if (GlobPattern.hasWildcard(normalized)) {
      globOwners.computeIfAbsent(normalized, k -> new ArrayList<>()).add(owner);
      return;
    }
    // A literal names a file (planned or existing) or a folder; expandFolders handles folders.
    touch(normalized, owner);
  }

  /** Gives every file inside a folder that a literal pattern names to that pattern's owners. */
  private void expandFolders() {
    List<String> planned = new ArrayList<>();
    List<int[]> plannedOwners = new ArrayList<>();
    for (String folder : folders) {
      int[] owners = touches.owners(folder);
      if (owners != null) {
        planned.add(folder);
        plannedOwners.add(owners);
      }
    }
    for (int f = 0; f < planned.size(); f++) {
      String prefix = planned.get(f) + "/";
      for (int i = firstWithPrefix(prefix); i < repository.length; i++) {
        if (!repository[i].startsWith(prefix)) {
          break;
        }
        for (int owner : plannedOwners.get(f)) {
          touch(repository[i], owner);
        }
      }
    }
  }

  private void expandGlobs() {
    for (Map.Entry<String, List<Integer>> entry : globOwners.entrySet()) {
      GlobPattern glob = GlobPattern.compile(entry.getKey());
      boolean matched = false;
      for (int i = firstWithPrefix(glob.prefix()); i < repository.length; i++) {
        String path = repository[i];
        if (!path.startsWith(glob.prefix())) {
          break;
        }
        if (glob.matches(path)) {
          matched = true;
          entry.getValue().forEach(owner -> touch(path, owner));
        }
      }
      if (!matched) {
        // Identical globs that match nothing yet plan the same new files.
        // NOTE: globs are not tested against other milestones' planned new paths, so "src/new/**"
        // and a planned "src/new/a.js" that does not exist yet are not reported as overlapping.
        entry.getValue().forEach(owner -> touch(glob.text(), owner));
      }
    }
  }

  private int firstWithPrefix(String prefix) {
    int index = Arrays.binarySearch(repository, prefix);
    return index >= 0 ? index : -index - 1;
  }

  private void touch(String path, int owner) {
    touches.add(path, owner);
  }

  /**
   * Groups the shared paths by pair of milestones. Pairs are keyed by the two milestones' ranks in
   * id order, so that sorting the keys sorts the overlaps by id.
   */
  private List<Overlap> pairs(List<Milestone> milestones) {
    int count = milestones.size();
    Integer[] byId = new Integer[count];
    for (int i = 0; i < count; i++) {
      byId[i] = i;
    }
    Arrays.sort(byId, (a, b) -> milestones.get(a).id().compareTo(milestones.get(b).id()));
    int[] rank = new int[count];
    for (int r = 0; r < count; r++) {
      rank[byId[r]] = r;
    }

    Map<Long, List<String>> shared = new HashMap<>();
    touches.forEachShared((path, owners) -> {
      int[] ranks = new int[owners.length];
      for (int i = 0; i < owners.length; i++) {
        ranks[i] = rank[owners[i]];
      }
      Arrays.sort(ranks);
      for (int a = 0; a < ranks.length; a++) {
        for (int b = a + 1; b < ranks.length; b++) {
          long key = (long) ranks[a] * count + ranks[b];
          shared.computeIfAbsent(key, k -> new ArrayList<>(1)).add(path);
        }
      }
    });

    long[] keys = new long[shared.size()];
    int next = 0;
    for (long key : shared.keySet()) {
      keys[next++] = key;
    }
    Arrays.sort(keys);

    List<Overlap> overlaps = new ArrayList<>(keys.length);
    for (long key : keys) {
      List<String> files = shared.get(key);
      files.sort(null);
      String first = milestones.get(byId[(int) (key / count)]).id();
      String second = milestones.get(byId[(int) (key % count)]).id();
      overlaps.add(new Overlap(first, second, files));
    }
    return overlaps;
  }
}
