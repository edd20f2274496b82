package dev.sf.core.process.output;

import dev.sf.spi.OutputFormat;
import dev.sf.spi.OutputParser;
import dev.sf.spi.WorkerOutputEvent;
import dev.sf.spi.WorkerOutputEvent.CostTotal;
import dev.sf.spi.WorkerOutputEvent.TokenUsage;
import dev.sf.spi.WorkerOutputEvent.Unrecognized;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code aider} format: aider's plain-text output. After each reply aider prints a usage line
 * such as {@code Tokens: 2.3k sent, 1.1k cache hit, 120 received. Cost: $0.01 message, $0.05
 * session.}. The session figure becomes a {@link CostTotal}, and the tokens of that message become
 * non-cumulative {@link TokenUsage} (input is {@code sent} minus {@code cache hit}). Token counts
 * may carry a {@code k} or {@code M} suffix, as aider rounds them. The model comes from aider's
 * {@code Model:} or {@code Main model:} banner line.
 *
 * <p>NOTE: a parser created mid-session (a reader started at a saved offset) has not seen the
 * banner and reports the tokens with no model until the banner appears again.
 */
final class AiderFormat implements OutputFormat {

  static final String NAME = "aider";

  private static final Pattern TOKENS = Pattern.compile(
      "Tokens: ([0-9.]+[kM]?) sent(?:, ([0-9.]+[kM]?) cache write)?"
          + "(?:, ([0-9.]+[kM]?) cache hit)?, ([0-9.]+[kM]?) received\\.");
  private static final Pattern COST =
      Pattern.compile("Cost: \\$(-?[0-9.]+) message, \\$(\\S+?) session\\.?\\s*$");
  private static final Pattern MODEL = Pattern.compile("^(?:Main model|Model): (\\S+)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OutputParser newParser() {
    return new Parser();
  }

  /** Remembers the model named by aider's banner. */
  private static final class Parser implements OutputParser {
    private String model;

    @Override
    public void parse(String line, Consumer<WorkerOutputEvent> events) {
      if (line.startsWith("Model: ") || line.startsWith("Main model: ")) {
        Matcher matcher = MODEL.matcher(line);
        if (matcher.find()) {
          model = matcher.group(1);
        }
        return;
      }
      if (!line.contains("Tokens: ") && !line.contains("Cost: $")) {
        return;
      }
      Matcher cost = COST.matcher(line);
      if (cost.find()) {
        try {
          events.accept(new CostTotal(new BigDecimal(cost.group(2))));
        } catch (NumberFormatException e) {
          events.accept(new Unrecognized(
              "invalid-cost", "session cost is not a number: '" + JsonLines.excerpt(line) + "'"));
        }
      }
      Matcher tokens = TOKENS.matcher(line);
      if (tokens.find()) {
        try {
          long sent = tokenCount(tokens.group(1));
          long cacheHit = tokens.group(3) == null ? 0 : tokenCount(tokens.group(3));
          long received = tokenCount(tokens.group(4));
          long cached = Math.min(cacheHit, sent);
          events.accept(new TokenUsage(model, sent - cached, cached, received, false));
        } catch (NumberFormatException e) {
          events.accept(new Unrecognized(
              "invalid-tokens", "token count is not a number: '" + JsonLines.excerpt(line) + "'"));
        }
      }
    }
  }

  /** Converts aider's rounded counts such as {@code 120}, {@code 2.3k} or {@code 1.2M}. */
  static long tokenCount(String text) {
    char last = text.charAt(text.length() - 1);
    long factor = 1;
    if (last == 'k') {
      factor = 1_000;
    } else if (last == 'M') {
      factor = 1_000_000;
    }
    String number = factor == 1 ? text : text.substring(0, text.length() - 1);
    return new BigDecimal(number).multiply(BigDecimal.valueOf(factor)).longValue();
  }
}
