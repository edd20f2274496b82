package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sf.core.model.PreferencesLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps the reference docs and the code in step: every {@code sf ...} command and option that
 * {@code docs/cli.md} mentions exists in the picocli model, and the preference keys of {@code
 * docs/configuration.md} are exactly the keys the preferences loader reads.
 */
class DocsDriftTest {
  private static final Path DOCS = Path.of(System.getProperty("basedir", ""), "..", "docs")
      .toAbsolutePath().normalize();
  /** An {@code sf} command line in a code block, after an optional {@code $} prompt. */
  private static final Pattern BLOCK_COMMAND = Pattern.compile("^\\s*(?:\\$\\s+)?sf( .*)?$");
  /** A code span that contains an {@code sf} command line, in prose or in a table cell. */
  private static final Pattern SPAN_COMMAND = Pattern.compile("`sf( [^`]*)?`");
  private static final Pattern OPTION = Pattern.compile("^--?[A-Za-z][A-Za-z0-9-]*");
  /** An option written on its own in a code span, as tables of options list them. */
  private static final Pattern OPTION_SPAN = Pattern.compile("`(--[a-z][a-z0-9-]*)");
  private static final Pattern COMMAND_WORD = Pattern.compile("[a-z][a-z-]*");
  private static final Pattern DOTTED_KEY =
      Pattern.compile("\\b((?:parallel|worker|worktree)\\.[a-z_]+)\\b");

  @Test
  void cliDocNamesOnlyRealCommands() throws IOException {
    Path cliDoc = DOCS.resolve("cli.md");
    assumeTrue(Files.exists(cliDoc), cliDoc + " is absent");
    String text = Files.readString(cliDoc);

    List<String> problems = check(text, SfCommand.commandLine());

    assertTrue(commandLines(text).size() > 5, "too few sf command lines found in " + cliDoc);
    assertEquals(List.of(), problems);
  }

  @Test
  void checkerReportsUnknownCommandsAndOptions() {
    String doc = """
        Run `sf parallel start --detach` or `sf -C dir queue --json`.
        ```
        sf parallel frobnicate
        sf queue --no-such-flag
        sf demo /tmp/x
        ```
        | `--also-missing` | an option nobody has |
        """;

    List<String> problems = check(doc, SfCommand.commandLine());

    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("'frobnicate'"), problems.toString());
    assertTrue(problems.get(1).contains("'--no-such-flag'"), problems.toString());
    assertTrue(problems.get(2).contains("'--also-missing'"), problems.toString());
  }

  @Test
  void configurationDocMatchesPreferenceKeys() throws IOException {
    Path configDoc = DOCS.resolve("configuration.md");
    assumeTrue(Files.exists(configDoc), configDoc + " is absent");
    String text = Files.readString(configDoc);
    Set<String> known = new TreeSet<>(PreferencesLoader.keys());

    Set<String> documented = new TreeSet<>();
    for (String line : text.split("\n")) {
      // Error messages quote misspelt keys on purpose; they are examples, not keys.
      if (line.contains("Did you mean") || line.contains("Unknown key")) {
        continue;
      }
      Matcher matcher = DOTTED_KEY.matcher(line);
      while (matcher.find()) {
        documented.add(matcher.group(1));
      }
    }
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(known);
    Set<String> undocumented = new TreeSet<>();
    for (String key : known) {
      String leaf = key.substring(key.indexOf('.') + 1);
      if (!documented.contains(key) && !text.contains(leaf + ":")) {
        undocumented.add(key);
      }
    }

    assertEquals(Set.of(), unknown, "keys in configuration.md that the code does not read");
    assertEquals(Set.of(), undocumented, "keys the code reads that configuration.md omits");
  }

  /** Returns one message per command or option of {@code doc} that the model does not have. */
  static List<String> check(String doc, CommandLine root) {
    Set<String> problems = new LinkedHashSet<>();
    Set<String> allOptions = new TreeSet<>();
    collectOptions(root, allOptions);
    for (String commandLine : commandLines(doc)) {
      checkCommandLine(commandLine, root, problems);
    }
    Matcher span = OPTION_SPAN.matcher(doc);
    while (span.find()) {
      if (!allOptions.contains(span.group(1))) {
        problems.add("Option '" + span.group(1) + "' is not an option of any sf command");
      }
    }
    return new ArrayList<>(problems);
  }

  /**
   * Returns the words after {@code sf} of every command line in a code block (optionally after
   * a {@code $} prompt) and of every code span that starts with {@code sf}.
   */
  static List<String> commandLines(String doc) {
    List<String> lines = new ArrayList<>();
    boolean inCodeBlock = false;
    for (String line : doc.split("\n")) {
      if (line.strip().startsWith("```")) {
        inCodeBlock = !inCodeBlock;
        continue;
      }
      Matcher matcher = (inCodeBlock ? BLOCK_COMMAND : SPAN_COMMAND).matcher(line);
      while (matcher.find()) {
        lines.add(matcher.group(1) == null ? "" : matcher.group(1).strip());
      }
    }
    return lines;
  }

  private static void checkCommandLine(String line, CommandLine root, Set<String> problems) {
    // Only the sf command itself is checked, not what a shell pipes it into.
    String words = line.split("\\s(\\||&&|;|>|<)")[0];
    CommandLine command = root;
    List<CommandLine> path = new ArrayList<>(List.of(root));
    boolean arguments = false;
    String[] tokens = words.split("\\s+");
    for (int i = 0; i < tokens.length; i++) {
      String word = tokens[i];
      if (word.isEmpty()) {
        continue;
      }
      Matcher option = OPTION.matcher(word);
      if (option.find()) {
        OptionSpec spec = findOption(path, option.group());
        if (spec == null) {
          problems.add("Option '" + option.group() + "' of 'sf " + words
              + "' is not an option of '" + command.getCommandSpec().qualifiedName() + "'");
        } else if (!word.contains("=") && spec.arity().max() > 0) {
          i++;
        }
        continue;
      }
      if (arguments) {
        continue;
      }
      if (command.getSubcommands().isEmpty() || !COMMAND_WORD.matcher(word).matches()) {
        arguments = true;
        continue;
      }
      CommandLine sub = command.getSubcommands().get(word);
      if (sub == null) {
        problems.add("Command '" + word + "' in 'sf " + words + "' is not a subcommand of '"
            + command.getCommandSpec().qualifiedName() + "'");
        arguments = true;
        continue;
      }
      command = sub;
      path.add(sub);
    }
  }

  private static OptionSpec findOption(List<CommandLine> path, String name) {
    for (int i = path.size() - 1; i >= 0; i--) {
      OptionSpec spec = path.get(i).getCommandSpec().findOption(name);
      if (spec != null) {
        return spec;
      }
    }
    return null;
  }

  private static void collectOptions(CommandLine command, Set<String> names) {
    for (OptionSpec option : command.getCommandSpec().options()) {
      names.addAll(List.of(option.names()));
    }
    command.getSubcommands().values().forEach(sub -> collectOptions(sub, names));
  }
}
