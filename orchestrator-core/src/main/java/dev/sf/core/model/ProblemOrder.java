package dev.sf.core.model;

import dev.sf.errors.ConfigException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sorts collected problems into file order. Checks run key by key and then across keys, so the
 * problems of one file are not found in line order.
 */
final class ProblemOrder {

  private static final Comparator<Problem> BY_POSITION =
      Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

  private ProblemOrder() {}

  /** Keeps the files in the order of their first problem and sorts each file's problems by line. */
  static List<Problem> byLineWithinFile(List<Problem> problems) {
    Map<Path, List<Problem>> byFile = new LinkedHashMap<>();
    for (Problem problem : problems) {
      byFile.computeIfAbsent(problem.file(), k -> new ArrayList<>()).add(problem);
    }
    List<Problem> sorted = new ArrayList<>(problems.size());
    for (List<Problem> fileProblems : byFile.values()) {
      fileProblems.sort(BY_POSITION);
      sorted.addAll(fileProblems);
    }
    return sorted;
  }

  /** Sorts problems by file path, then by line and column. */
  static List<Problem> byFileAndLine(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing((Problem p) -> String.valueOf(p.file())).thenComparing(
        BY_POSITION));
    return sorted;
  }
}
