package dev.sf.core.process.preset;

import java.util.Map;

/**
 * Substitutes {@code {name}} placeholders in one left-to-right pass. Unknown names and unmatched
 * braces are kept as written, so JSON or shell text in an argument passes through unchanged.
 */
final class Placeholders {

  private Placeholders() {}

  static String substitute(String text, Map<String, String> values) {
    int open = text.indexOf('{');
    if (open < 0) {
      return text;
    }
    StringBuilder result = new StringBuilder(text.length() + 32);
    int copied = 0;
    while (open >= 0) {
      int close = text.indexOf('}', open + 1);
      if (close < 0) {
        break;
      }
      String value = values.get(text.substring(open + 1, close));
      if (value == null) {
        open = text.indexOf('{', open + 1);
        continue;
      }
      result.append(text, copied, open).append(value);
      copied = close + 1;
      open = text.indexOf('{', copied);
    }
    return result.append(text, copied, text.length()).toString();
  }
}
