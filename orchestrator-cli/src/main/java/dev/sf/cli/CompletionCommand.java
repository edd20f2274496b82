package dev.sf.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sf completion bash|zsh}: prints a shell completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = "Print a completion script. Load it with: source <(sf completion bash), or"
        + " for zsh: source <(sf completion zsh).")
final class CompletionCommand implements Callable<Integer> {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("sf", spec.root().commandLine());
    switch (shell) {
      case "bash" -> spec.commandLine().getOut().print(script);
      case "zsh" -> {
        spec.commandLine().getOut().println("autoload -U +X compinit && compinit");
        spec.commandLine().getOut().println("autoload -U +X bashcompinit && bashcompinit");
        spec.commandLine().getOut().print(script);
      }
      default -> {
        spec.commandLine().getErr().println("sf: unsupported shell '" + shell
            + "'. Use bash or zsh.");
        return ErrorReporter.USAGE;
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
