package dev.sf.cli;

import dev.sf.api.PreferenceValue;
import dev.sf.api.SfProject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sf preferences}: every key's effective value and where it came from. */
@Command(name = "preferences", mixinStandardHelpOptions = true,
    description = "Print the effective value of every preference key and where it came from:"
        + " default, user file, project file or command-line flag.")
final class PreferencesCommand implements Callable<Integer> {
  @ParentCommand
  SfCommand sf;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
  boolean json;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a key as a command-line flag would, for example"
          + " --set parallel.max_workers=3.")
  Map<String, String> overrides = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (SfProject project = sf.open(overrides)) {
      List<PreferenceValue> values = project.preferences();
      if (json) {
        out.println(CliJson.document("preferences", Map.of("preferences", values)));
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"KEY", "VALUE", "SOURCE"});
      for (PreferenceValue value : values) {
        rows.add(new String[] {value.key(), value.value(), source(value)});
      }
      Format.table(rows).forEach(out::println);
      return 0;
    }
  }

  private static String source(PreferenceValue value) {
    String name = switch (value.source()) {
      case DEFAULT -> "default";
      case USER_FILE -> "user file";
      case PROJECT_FILE -> "project file";
      case FLAG -> "command-line flag";
    };
    if (value.file() != null && value.line() > 0) {
      return name + " (" + value.file() + ":" + value.line() + ")";
    }
    return name;
  }
}
