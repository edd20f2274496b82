package dev.sf.core.model;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the valid key nearest to a misspelt one by Levenshtein distance, for "did you mean"
 * hints. A key counts as near when at most a third of its characters (and at least two) differ, or
 * when it is the start of a valid key ({@code claude} for {@code claude-code}).
 */
final class KeySuggestions {

  private KeySuggestions() {}

  /** Returns the valid key nearest to {@code key}, if one is near enough to be a likely typo. */
  static Optional<String> nearest(String key, Collection<String> validKeys) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : validKeys) {
      int distance = distance(key.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, key.length() / 3);
    if (bestDistance <= allowed) {
      return Optional.of(best);
    }
    return validKeys.stream()
        .filter(candidate -> key.length() >= 3 && candidate.toLowerCase().startsWith(
            key.toLowerCase()))
        .findFirst();
  }

  /** Returns the Levenshtein distance between two strings. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
