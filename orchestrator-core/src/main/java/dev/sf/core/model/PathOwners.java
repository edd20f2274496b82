package dev.sf.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An open-addressing hash table from paths to the indexes of the milestones that touch them.
 * Most paths have a single owner, so the first owner is stored in a plain {@code int} array and
 * only paths with more owners get a list. A million paths thus need no per-entry objects, which a
 * {@code HashMap<String, int[]>} would allocate.
 */
final class PathOwners {

  private String[] paths;
  private int[] hashes;
  private int shift;
  private int[] firstOwners;
  private int size;
  private final Map<Integer, List<Integer>> moreOwners = new HashMap<>();

  /** Creates a table sized for {@code expected} paths without growing. */
  PathOwners(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    paths = new String[capacity];
    hashes = new int[capacity];
    firstOwners = new int[capacity];
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
  }

  /** Records that milestone {@code owner} touches {@code path}. */
  void add(String path, int owner) {
    int mask = paths.length - 1;
    int hash = spread(path.hashCode());
    int slot = hash >>> shift;
    while (paths[slot] != null) {
      if (hashes[slot] == hash && (paths[slot] == path || paths[slot].equals(path))) {
        addOwner(slot, owner);
        return;
      }
      slot = (slot + 1) & mask;
    }
    paths[slot] = path;
    hashes[slot] = hash;
    firstOwners[slot] = owner;
    if (++size * 2 > paths.length) {
      grow();
    }
  }

  /** Returns the distinct owners of {@code path}, or null when no milestone touches it. */
  int[] owners(String path) {
    int mask = paths.length - 1;
    int hash = spread(path.hashCode());
    for (int slot = hash >>> shift; paths[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && paths[slot].equals(path)) {
        return ownersAt(slot);
      }
    }
    return null;
  }

  private int[] ownersAt(int slot) {
    List<Integer> more = moreOwners.getOrDefault(slot, List.of());
    int[] owners = new int[more.size() + 1];
    owners[0] = firstOwners[slot];
    for (int i = 0; i < more.size(); i++) {
      owners[i + 1] = more.get(i);
    }
    return Arrays.stream(owners).distinct().sorted().toArray();
  }

  private void addOwner(int slot, int owner) {
    if (firstOwners[slot] == owner) {
      return;
    }
    List<Integer> more = moreOwners.computeIfAbsent(slot, k -> new ArrayList<>(2));
    if (more.isEmpty() || more.get(more.size() - 1) != owner) {
      more.add(owner);
    }
  }

  /**
   * Calls {@code action} for every path that two or more milestones touch, with the distinct
   * owners in ascending order.
   */
  void forEachShared(SharedPathAction action) {
    for (int slot : moreOwners.keySet()) {
      int[] owners = ownersAt(slot);
      if (owners.length > 1) {
        action.accept(paths[slot], owners);
      }
    }
  }

  private void grow() {
    String[] oldPaths = paths;
    int[] oldOwners = firstOwners;
    Map<Integer, List<Integer>> oldMore = new HashMap<>(moreOwners);
    allocate(oldPaths.length * 2);
    moreOwners.clear();
    size = 0;
    for (int i = 0; i < oldPaths.length; i++) {
      if (oldPaths[i] != null) {
        add(oldPaths[i], oldOwners[i]);
        for (int owner : oldMore.getOrDefault(i, List.of())) {
          add(oldPaths[i], owner);
        }
      }
    }
  }

  /**
   * Mixes a string hash by Fibonacci hashing. Paths such as {@code src/F1.java} and {@code
   * src/F2.java} have nearly consecutive {@code String.hashCode} values, which would form long
   * runs under linear probing. The table therefore takes the high bits of the product.
   */
  private static int spread(int hash) {
    return hash * 0x9E3779B9;
  }

  /** Receives one shared path and its owners. */
  @FunctionalInterface
  interface SharedPathAction {
    void accept(String path, int[] owners);
  }
}
