package dev.sf.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one JMH benchmark class in a forked JVM and turns each of its results (one per method and
 * parameter set) into a table row. A class that is not on the class path gives one row that says
 * it was not measured. In quick mode each benchmark gets one warm-up and one measurement
 * iteration of one second, which only proves that it still runs.
 */
final class JmhFigures {

  /**
   * How to judge one result.
   *
   * @param target the target as printed, or "-"
   * @param met whether a score (in the result's own unit) meets it; null when there is none
   */
  record Target(String target, Function<Double, Boolean> met) {
    static final Target NONE = new Target("-", null);
  }

  private JmhFigures() {}

  static List<Figure> run(String simpleName, String name, String input, boolean quick,
      Function<RunResult, Target> targets) throws Exception {
    String className = JmhFigures.class.getPackageName() + "." + simpleName;
    try {
      Class.forName(className);
    } catch (ClassNotFoundException e) {
      return List.of(Figure.notMeasured(name, simpleName, input,
          simpleName + " is not in this build", "-"));
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + className.replace(".", "\\.") + "\\.")
        .forks(1)
        .verbosity(VerboseMode.SILENT);
    if (quick) {
      options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
          .measurementIterations(1).measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    List<Figure> figures = new ArrayList<>();
    for (RunResult result : results) {
      figures.add(figure(simpleName, name, input, quick, result, targets.apply(result)));
    }
    return figures;
  }

  private static Figure figure(String simpleName, String name, String input, boolean quick,
      RunResult result, Target target) {
    var primary = result.getPrimaryResult();
    String method = result.getParams().getBenchmark();
    method = method.substring(method.lastIndexOf('.') + 1);
    StringBuilder params = new StringBuilder();
    for (String key : result.getParams().getParamsKeys()) {
      params.append(params.length() == 0 ? "" : ", ").append(key).append('=')
          .append(result.getParams().getParam(key));
    }
    String label = params.length() == 0 ? name : name + " (" + params + ")";
    long iterations = primary.getSampleCount();
    String value = String.format("%,.0f %s", primary.getScore(), primary.getScoreUnit());
    if (primary.getScore() < 100) {
      value = String.format("%.2f %s", primary.getScore(), primary.getScoreUnit());
    }
    String shown = "JMH " + simpleName + "." + method + (quick ? " (quick)" : "");
    String verdict = target.met() == null ? "-"
        : Figure.verdict(target.met().apply(primary.getScore()));
    return new Figure(label, shown, input + ", " + iterations + " iterations", value,
        target.target(), verdict);
  }

  /** Converts a time-per-operation score to milliseconds, or returns NaN for other units. */
  static double millis(RunResult result) {
    double score = result.getPrimaryResult().getScore();
    String unit = result.getPrimaryResult().getScoreUnit();
    TimeUnit from = switch (unit) {
      case "ns/op" -> TimeUnit.NANOSECONDS;
      case "us/op" -> TimeUnit.MICROSECONDS;
      case "ms/op" -> TimeUnit.MILLISECONDS;
      case "s/op" -> TimeUnit.SECONDS;
      default -> null;
    };
    return from == null ? Double.NaN : score * from.toNanos(1) / 1e6;
  }
}
