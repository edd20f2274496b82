package dev.sf.core.process.output;

import dev.sf.spi.WorkerOutputEvent.TokenUsage;

/**
 * Mutable token counts of one model, used by parsers that turn per-message usage into running
 * totals.
 */
final class TokenCounter {
  long input;
  long cachedInput;
  long output;

  void add(long input, long cachedInput, long output) {
    this.input += input;
    this.cachedInput += cachedInput;
    this.output += output;
  }

  void set(long input, long cachedInput, long output) {
    this.input = input;
    this.cachedInput = cachedInput;
    this.output = output;
  }

  TokenUsage cumulative(String model) {
    return new TokenUsage(model, input, cachedInput, output, true);
  }
}
