package dev.sf.core.process.cost;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts of one model, by kind.
 *
 * @param input input tokens, not counting cached input
 * @param cachedInput cached input tokens
 * @param output output tokens
 */
public record TokenCounts(
    @JsonProperty("input") long input,
    @JsonProperty("cached_input") long cachedInput,
    @JsonProperty("output") long output) {

  /** No tokens. */
  public static final TokenCounts ZERO = new TokenCounts(0, 0, 0);

  /**
   * Adds two counts kind by kind.
   *
   * @param other the counts to add
   * @return the sum
   */
  public TokenCounts plus(TokenCounts other) {
    return new TokenCounts(
        input + other.input, cachedInput + other.cachedInput, output + other.output);
  }

  /**
   * Returns true when any kind is lower than in {@code other}.
   *
   * @param other the counts to compare with
   * @return whether some count went down
   */
  public boolean anyBelow(TokenCounts other) {
    return input < other.input || cachedInput < other.cachedInput || output < other.output;
  }

  /**
   * Returns the sum of all kinds.
   *
   * @return input, cached input and output tokens together
   */
  public long total() {
    return input + cachedInput + output;
  }
}
