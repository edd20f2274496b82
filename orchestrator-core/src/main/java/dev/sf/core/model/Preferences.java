package dev.sf.core.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective preferences of a project: built-in defaults, overridden key by key by the user
 * file ({@code ~/.sf/preferences.yaml}), the project file ({@code .sf/preferences.yaml}) and
 * command-line flags.
 *
 * @param parallel the {@code parallel} section
 * @param worker the {@code worker} section
 * @param worktree the {@code worktree} section
 * @param pricing USD per million tokens, by model name
 */
public record Preferences(
    Parallel parallel, WorkerSettings worker, WorktreeSettings worktree, Map<String, ModelPrice> pricing) {

  public Preferences {
    pricing = Map.copyOf(pricing);
  }

  /** Returns the built-in defaults. */
  public static Preferences defaults() {
    return new Preferences(
        new Parallel(false, 2, null, MergeStrategy.PER_MILESTONE, AutoMerge.CONFIRM, MergeStyle.SQUASH),
        new WorkerSettings("claude-code", List.of(), null, Map.of(), 10),
        new WorktreeSettings(List.of(), List.of(), 600),
        Map.of());
  }

  /**
   * The {@code parallel} section.
   *
   * @param enabled master toggle; {@code start} refuses while it is false
   * @param maxWorkers how many workers run at once, 1 to 4
   * @param budgetCeiling USD across all workers of a run, or null for no ceiling
   * @param mergeStrategy when milestones merge
   * @param autoMerge whether a merge needs the user
   * @param mergeStyle squash or merge commit
   */
  public record Parallel(
      boolean enabled,
      int maxWorkers,
      BigDecimal budgetCeiling,
      MergeStrategy mergeStrategy,
      AutoMerge autoMerge,
      MergeStyle mergeStyle) {

    public Optional<BigDecimal> ceiling() {
      return Optional.ofNullable(budgetCeiling);
    }
  }

  /**
   * The {@code worker} section, or a milestone's override of it.
   *
   * @param preset an agent preset name ({@code claude-code}, {@code codex}, {@code gemini}, {@code
   *     aider}, {@code sf-events}, {@code plain}), or null
   * @param command the argument vector, with {@code {milestone}}, {@code {title}}, {@code
   *     {worktree}} and {@code {plan_file}} placeholders; empty means "from the preset"
   * @param output the output format name; null means "from the preset"
   * @param env extra environment variables
   * @param stopGraceSeconds seconds between SIGTERM and SIGKILL when stopping
   */
  public record WorkerSettings(
      String preset, List<String> command, String output, Map<String, String> env, int stopGraceSeconds) {

    public WorkerSettings {
      command = List.copyOf(command);
      env = Map.copyOf(env);
    }
  }

  /**
   * The {@code worktree} section.
   *
   * @param copy globs of ignored or untracked files copied into each new worktree
   * @param setup a command run in each new worktree before its worker starts; empty for none
   * @param setupTimeoutSeconds how long the setup command may run
   */
  public record WorktreeSettings(List<String> copy, List<String> setup, int setupTimeoutSeconds) {

    public WorktreeSettings {
      copy = List.copyOf(copy);
      setup = List.copyOf(setup);
    }
  }

  /**
   * Prices of one model in USD per million tokens.
   *
   * @param input price of input tokens
   * @param cachedInput price of cached input tokens
   * @param output price of output tokens
   */
  public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {}
}
