package dev.sf.core.model;

import dev.sf.core.model.EligibilityReport.Overlap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds milestones that plan or change the same files without comparing milestones pair by pair.
 * Every path a milestone touches is indexed to the milestones touching it: literal patterns and
 * changed files go straight into a hash map, and each distinct glob is compiled once and tested
 * only against the repository files under its literal folder prefix, which a binary search finds
 * in the sorted file list. Only paths touched by two or more milestones produce pairs.
 */
final class OverlapFinder {

  private final String[] repository;
  private final Map<String, int[]> touches = new HashMap<>();
  private final Map<String, List<Integer>> globOwners = new LinkedHashMap<>();

  private OverlapFinder(Collection<String> repositoryFiles) {
    this.repository = repositoryFiles.toArray(String[]::new);
    Arrays.sort(this.repository);
  }

  /**
   * Returns the overlaps between the given milestones.
   *
   * @param milestones the milestones to compare
   * @param facts the repository files and each milestone's changed files
   */
  static List<Overlap> find(List<Milestone> milestones, MilestoneFacts facts) {
    OverlapFinder finder = new OverlapFinder(facts.repositoryFiles());
    for (int i = 0; i < milestones.size(); i++) {
      Milestone milestone = milestones.get(i);
      for (String pattern : milestone.files()) {
        finder.addPattern(pattern, i);
      }
      for (String changed : facts.changedFiles(milestone.id())) {
        finder.touch(changed, i);
      }
    }
    finder.expandGlobs();
    return finder.pairs(milestones);
  }

  private void addPattern(String pattern, int owner) {
    String normalized = GlobPattern.normalize(pattern);
    if (normalized.isEmpty()) {
      return;
    }
    GlobPattern glob = GlobPattern.compile(normalized);
    if (!glob.isLiteral()) {
      globOwners.computeIfAbsent(glob.text(), k -> new ArrayList<>()).add(owner);
      return;
    }
    // A literal names a file (planned or existing) and, when it is a folder, the files in it.
    touch(glob.text(), owner);
    String folder = glob.text() + "/";
    for (int i = firstWithPrefix(folder); i < repository.length; i++) {
      if (!repository[i].startsWith(folder)) {
        break;
      }
      touch(repository[i], owner);
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
        entry.getValue().forEach(owner -> touch(glob.text(), owner));
      }
    }
  }

  private int firstWithPrefix(String prefix) {
    int index = Arrays.binarySearch(repository, prefix);
    return index >= 0 ? index : -index - 1;
  }

  /** Records that milestone {@code owner} touches {@code path}; index 0 holds the count. */
  private void touch(String path, int owner) {
    int[] owners = touches.get(path);
    if (owners == null) {
      touches.put(path, new int[] {1, owner});
      return;
    }
    int count = owners[0];
    if (owners[count] == owner) {
      return;
    }
    if (count + 1 >= owners.length) {
      owners = Arrays.copyOf(owners, owners.length * 2);
      touches.put(path, owners);
    }
    owners[count + 1] = owner;
    owners[0] = count + 1;
  }

  private List<Overlap> pairs(List<Milestone> milestones) {
    Map<Long, TreeSet<String>> shared = new HashMap<>();
    for (Map.Entry<String, int[]> entry : touches.entrySet()) {
      int[] owners = entry.getValue();
      int count = owners[0];
      if (count < 2) {
        continue;
      }
      int[] distinct = Arrays.stream(owners, 1, count + 1).distinct().sorted().toArray();
      if (distinct.length < 2) {
        continue;
      }
      for (int a = 0; a < distinct.length; a++) {
        for (int b = a + 1; b < distinct.length; b++) {
          long key = ((long) distinct[a] << 32) | distinct[b];
          shared.computeIfAbsent(key, k -> new TreeSet<>()).add(entry.getKey());
        }
      }
    }
    List<Overlap> overlaps = new ArrayList<>(shared.size());
    shared.forEach((key, files) -> {
      String one = milestones.get((int) (key >>> 32)).id();
      String two = milestones.get((int) (key & 0xffffffffL)).id();
      boolean ordered = one.compareTo(two) <= 0;
      overlaps.add(new Overlap(ordered ? one : two, ordered ? two : one, new ArrayList<>(files)));
    });
    overlaps.sort((x, y) -> {
      int first = x.first().compareTo(y.first());
      return first != 0 ? first : x.second().compareTo(y.second());
    });
    return overlaps;
  }
}
