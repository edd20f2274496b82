package dev.sf.core.model;

import java.util.regex.Pattern;

/**
 * A planned-files pattern from a milestone's {@code files} list, compiled once. {@code *} and
 * {@code ?} stay inside one folder, {@code **} crosses folders ({@code src/**}{@code /*.js} also
 * matches {@code src/a.js}), {@code [abc]} and {@code {a,b}} work as in git and shell globs. A
 * pattern without wildcards names a file or a whole folder, and a pattern ending in {@code /}
 * names a folder.
 *
 * @param text the normalized pattern: no leading {@code ./} or {@code /}, a trailing {@code /}
 *     replaced by {@code /**}
 * @param prefix the literal folder prefix before the first wildcard, such as {@code src/} for
 *     {@code src/*.js}; every matching path starts with it
 * @param regex the compiled pattern, or null when the pattern has no wildcard
 */
record GlobPattern(String text, String prefix, Pattern regex) {

  /** Compiles a pattern. */
  static GlobPattern compile(String pattern) {
    String text = normalize(pattern);
    int wildcard = firstWildcard(text);
    if (wildcard < 0) {
      return new GlobPattern(text, text, null);
    }
    String prefix = text.substring(0, text.lastIndexOf('/', wildcard) + 1);
    return new GlobPattern(text, prefix, Pattern.compile(toRegex(text)));
  }

  /** Returns true when the pattern has no wildcard. */
  boolean isLiteral() {
    return regex == null;
  }

  /** Returns true when {@code path} matches; a literal pattern matches itself and its content. */
  boolean matches(String path) {
    if (regex == null) {
      return path.equals(text) || path.startsWith(text + "/");
    }
    return regex.matcher(path).matches();
  }

  static String normalize(String pattern) {
    String text = pattern.trim().replace('\\', '/');
    while (text.startsWith("./")) {
      text = text.substring(2);
    }
    while (text.startsWith("/")) {
      text = text.substring(1);
    }
    if (text.endsWith("/")) {
      text = text + "**";
    }
    return text;
  }

  /** Returns true when the normalized pattern contains {@code *}, {@code ?}, {@code [} or {@code {}. */
  static boolean hasWildcard(String text) {
    return firstWildcard(text) >= 0;
  }

  private static int firstWildcard(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
              i++;
              regex.append("(?:.*/)?");
            } else {
              regex.append(".*");
            }
          } else {
            regex.append("[^/]*");
          }
        }
        case '?' -> regex.append("[^/]");
        case '[' -> i = appendClass(glob, i, regex);
        case '{' -> {
          braces++;
          regex.append("(?:");
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            regex.append(')');
          } else {
            regex.append("\\}");
          }
        }
        case ',' -> regex.append(braces > 0 ? "|" : ",");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    while (braces-- > 0) {
      regex.append(')');
    }
    return regex.toString();
  }

  /** Appends a character class starting at {@code start} and returns the index of its end. */
  private static int appendClass(String glob, int start, StringBuilder regex) {
    int end = glob.indexOf(']', start + 2);
    if (end < 0) {
      regex.append("\\[");
      return start;
    }
    String body = glob.substring(start + 1, end);
    if (body.startsWith("!")) {
      body = "^" + body.substring(1);
    }
    regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
    return end;
  }
}
