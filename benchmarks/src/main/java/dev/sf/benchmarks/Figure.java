package dev.sf.benchmarks;

/**
 * One row of the benchmark table.
 *
 * @param name what is measured
 * @param command how it was measured, as a reader would run it
 * @param input the input size
 * @param value the median, formatted with its unit, or why it was not measured
 * @param target the target, or "-" when there is none
 * @param verdict "met", "missed", or "-" when there is no target or no value
 */
record Figure(String name, String command, String input, String value, String target,
    String verdict) {

  /** Returns a row for something that was not measured, with the reason as its value. */
  static Figure notMeasured(String name, String command, String input, String reason,
      String target) {
    return new Figure(name, command, input, "not measured: " + reason, target, "-");
  }

  /** Returns "met" or "missed". */
  static String verdict(boolean met) {
    return met ? "met" : "missed";
  }
}
