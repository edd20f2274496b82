package dev.sf.core.process.preset;

import java.util.List;
import java.util.Map;

/**
 * The built-in agent presets: the default argument vector and output format of each supported
 * agent CLI. The plan is handed over as each CLI expects: as a prompt argument that names the plan
 * file, or for aider as the message file itself.
 */
enum Preset {
  CLAUDE_CODE("claude-code", "claude-stream-json", List.of(
      "claude", "-p", Preset.PROMPT, "--output-format", "stream-json", "--verbose",
      "--permission-mode", "acceptEdits")),
  CODEX("codex", "codex-json", List.of("codex", "exec", "--json", "--full-auto", Preset.PROMPT)),
  GEMINI("gemini", "gemini-stream-json", List.of(
      "gemini", "--output-format", "stream-json", "--approval-mode", "auto_edit",
      "--prompt", Preset.PROMPT)),
  AIDER("aider", "aider", List.of(
      "aider", "--yes-always", "--no-pretty", "--no-stream", "--message-file", "{plan_file}")),
  SF_EVENTS("sf-events", "sf-events", List.of()),
  PLAIN("plain", "plain", List.of());

  /** The prompt handed to agents that take one as an argument. */
  static final String PROMPT = "Carry out milestone {milestone} ({title}) in this worktree,"
      + " {worktree}. Its plan is in {plan_file}: read that file first and follow it.";

  private static final Map<String, Preset> BY_NAME = Map.of(
      CLAUDE_CODE.presetName, CLAUDE_CODE, CODEX.presetName, CODEX, GEMINI.presetName, GEMINI,
      AIDER.presetName, AIDER, SF_EVENTS.presetName, SF_EVENTS, PLAIN.presetName, PLAIN);

  final String presetName;
  final String output;
  final List<String> command;

  Preset(String presetName, String output, List<String> command) {
    this.presetName = presetName;
    this.output = output;
    this.command = command;
  }

  static Preset byName(String name) {
    return BY_NAME.get(name);
  }

  static List<String> names() {
    return java.util.Arrays.stream(values()).map(preset -> preset.presetName).toList();
  }
}
