package dev.sf.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dependency order and cycle search over milestones. Dependencies on ids that are not in the list
 * are ignored here; the loader reports them.
 */
final class MilestoneGraph {

  private MilestoneGraph() {}

  /**
   * Returns the milestones in dependency order: every milestone after the ones it depends on, ties
   * broken by id. Milestones on or behind a cycle come last, in id order.
   */
  static List<Milestone> topologicalOrder(List<Milestone> milestones) {
    Map<String, Milestone> byId = new HashMap<>();
    milestones.forEach(m -> byId.put(m.id(), m));
    Map<String, Integer> waitingOn = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (Milestone milestone : milestones) {
      int count = 0;
      for (String dependency : new HashSet<>(milestone.dependsOn())) {
        if (byId.containsKey(dependency) && !dependency.equals(milestone.id())) {
          count++;
          dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(milestone.id());
        }
      }
      waitingOn.put(milestone.id(), count);
    }
    PriorityQueue<String> ready = new PriorityQueue<>();
    waitingOn.forEach((id, count) -> {
      if (count == 0) {
        ready.add(id);
      }
    });
    List<Milestone> ordered = new ArrayList<>(milestones.size());
    while (!ready.isEmpty()) {
      String id = ready.poll();
      ordered.add(byId.get(id));
      for (String dependent : dependents.getOrDefault(id, List.of())) {
        if (waitingOn.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    if (ordered.size() < milestones.size()) {
      TreeSet<String> rest = new TreeSet<>(byId.keySet());
      ordered.forEach(m -> rest.remove(m.id()));
      rest.forEach(id -> ordered.add(byId.get(id)));
    }
    return ordered;
  }

  /**
   * Returns every dependency cycle once, each as a path that starts and ends with its smallest id,
   * such as {@code [M002, M005, M002]}. Self-dependencies are left out.
   */
  static List<List<String>> cycles(List<Milestone> milestones) {
    List<Milestone> ordered = topologicalOrder(milestones);
    Set<String> acyclic = new HashSet<>();
    Map<String, Milestone> byId = new HashMap<>();
    milestones.forEach(m -> byId.put(m.id(), m));
    // Kahn's order places every milestone that is neither on nor behind a cycle first.
    for (Milestone milestone : ordered) {
      boolean allDone = true;
      for (String dependency : milestone.dependsOn()) {
        if (byId.containsKey(dependency) && !dependency.equals(milestone.id())
            && !acyclic.contains(dependency)) {
          allDone = false;
          break;
        }
      }
      if (!allDone) {
        break;
      }
      acyclic.add(milestone.id());
    }
    Set<Set<String>> reported = new HashSet<>();
    List<List<String>> cycles = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    for (String start : new TreeSet<>(byId.keySet())) {
      if (acyclic.contains(start) || visited.contains(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      Map<String, Integer> position = new HashMap<>();
      String current = start;
      while (current != null && !position.containsKey(current)) {
        position.put(current, path.size());
        path.add(current);
        current = nextOnCycle(byId.get(current), byId, acyclic);
      }
      visited.addAll(path);
      if (current == null) {
        continue;
      }
      List<String> cycle = new ArrayList<>(path.subList(position.get(current), path.size()));
      if (reported.add(new HashSet<>(cycle))) {
        cycles.add(rotateToSmallest(cycle));
      }
    }
    return cycles;
  }

  private static String nextOnCycle(
      Milestone milestone, Map<String, Milestone> byId, Set<String> acyclic) {
    for (String dependency : new TreeSet<>(milestone.dependsOn())) {
      if (byId.containsKey(dependency) && !dependency.equals(milestone.id())
          && !acyclic.contains(dependency)) {
        return dependency;
      }
    }
    return null;
  }

  private static List<String> rotateToSmallest(List<String> cycle) {
    int smallest = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (cycle.get(i).compareTo(cycle.get(smallest)) < 0) {
        smallest = i;
      }
    }
    List<String> path = new ArrayList<>(cycle.subList(smallest, cycle.size()));
    path.addAll(cycle.subList(0, smallest));
    path.add(path.get(0));
    return path;
  }
}
