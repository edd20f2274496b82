package dev.sf.core.model;

import dev.sf.errors.ConfigException.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Composes YAML text into a SnakeYAML node tree, so that every later check can name the line and
 * column of the value it rejects. A UTF-8 byte-order mark is dropped, CRLF line endings are read
 * as one line break, and a syntax error becomes a {@link Problem} with SnakeYAML's line, or a plain
 * "tab used for indentation" problem when a tab in the indentation caused it.
 */
final class YamlText {
  private static final Logger LOG = LoggerFactory.getLogger(YamlText.class);

  /** The byte-order mark as it appears at the start of a decoded string. */
  static final char BYTE_ORDER_MARK = '\uFEFF';

  private YamlText() {}

  /**
   * Reads a file as strict UTF-8.
   *
   * @return the text, or empty after adding a problem when the file cannot be read or is not
   *     UTF-8
   */
  static Optional<String> readUtf8(Path file, List<Problem> problems) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      // The problem carries the message to the user, so the trace is only for debugging.
      LOG.debug("{} is not valid UTF-8", file, e);
      problems.add(
          new Problem(file, 0, 0, null, "The file is not valid UTF-8 text. Save it as UTF-8."));
    } catch (IOException e) {
      LOG.warn("Cannot read {}", file, e);
      problems.add(
          new Problem(
              file, 0, 0, null, "Cannot read the file: " + e + ". Check that it is a readable"
                  + " file."));
    }
    return Optional.empty();
  }

  /** Returns the text without a leading byte-order mark. */
  static String stripByteOrderMark(String text) {
    if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
      return text.substring(1);
    }
    return text;
  }

  /**
   * Composes {@code text} into a node tree.
   *
   * @param text the YAML text, possibly with a byte-order mark and CRLF line endings
   * @param file the file named in problems
   * @param problems where a syntax problem is added
   * @return the root node, or empty when the text is empty, only comments, or invalid
   */
  static Optional<Node> compose(String text, Path file, List<Problem> problems) {
    String yaml = stripByteOrderMark(text);
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // duplicates are reported by NodeReader with both lines
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(50);
    try {
      return Optional.ofNullable(new Yaml(options).compose(new StringReader(yaml)));
    } catch (MarkedYAMLException e) {
      // The problem carries the message to the user, so the trace is only for debugging.
      LOG.debug("Invalid YAML in {}", file, e);
      problems.add(syntaxProblem(yaml, file, e));
      return Optional.empty();
    } catch (YAMLException e) {
      LOG.debug("Invalid YAML in {}", file, e);
      problems.add(
          new Problem(file, 0, 0, null, "Invalid YAML: " + e.getMessage() + ". Fix the file."));
      return Optional.empty();
    }
  }

  private static Problem syntaxProblem(String yaml, Path file, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    int line = mark == null ? 0 : mark.getLine() + 1;
    int column = mark == null ? 0 : mark.getColumn() + 1;
    int tabLine = firstTabIndentedLine(yaml, Math.max(line, 1));
    if (tabLine > 0) {
      return new Problem(
          file,
          tabLine,
          1,
          null,
          "Line "
              + tabLine
              + " is indented with a tab; YAML allows only spaces for indentation. Replace the"
              + " tab with spaces.");
    }
    String reason = e.getProblem() == null ? e.getMessage() : e.getProblem();
    String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
    return new Problem(
        file,
        line,
        column,
        null,
        "Invalid YAML: " + reason + context + ". Fix the syntax at this line.");
  }

  /**
   * Returns the 1-based number of the error line or the line before it when its indentation
   * contains a tab, or 0 when neither does. Earlier lines are not checked, because a tab inside a
   * block scalar is valid content.
   */
  static int firstTabIndentedLine(String yaml, int errorLine) {
    String[] lines = yaml.split("\r\n|\r|\n", -1);
    for (int i = Math.max(0, errorLine - 2); i < Math.min(errorLine, lines.length); i++) {
      String line = lines[i];
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (ch == '\t') {
          return i + 1;
        }
        if (ch != ' ') {
          break;
        }
      }
    }
    return 0;
  }
}
