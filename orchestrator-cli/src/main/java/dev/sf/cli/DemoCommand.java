package dev.sf.cli;

import dev.sf.api.Run;
import dev.sf.api.RunOptions;
import dev.sf.api.RunSummary;
import dev.sf.api.SfProject;
import dev.sf.errors.InvalidUsageException;
import dev.sf.errors.SfException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sf demo [DIR]}: makes a git repository from the bundled sample project and runs the
 * whole flow on it, with the bundled scripted worker, merging each milestone as it completes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Create a git repository from the bundled sample project in DIR (default: a"
        + " new temporary folder) and run all of its milestones with the bundled scripted"
        + " worker, merging each as it completes. Needs no API key and no network.")
final class DemoCommand implements Callable<Integer> {
  static final String RESOURCE_ROOT = "dev/sf/cli/demo/sample-project/";

  @ParentCommand
  SfCommand sf;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
      description = "An empty or missing folder for the demo repository.")
  Path directory;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path target = prepareFolder();
    extractSampleProject(target);
    git(target, "init", "-q", "-b", "main");
    git(target, "config", "user.name", "sf demo");
    git(target, "config", "user.email", "demo@sf.invalid");
    git(target, "add", "-A");
    git(target, "commit", "-q", "-m", "Add the sample project");
    out.println("Demo repository: " + target);
    out.println();

    int exitCode;
    try (SfProject project = SfProject.open(target)) {
      QueueCommand.printReport(out, project.queue());
      out.println();
      LinePrinter printer = new LinePrinter(out);
      Run run = project.start(RunOptions.builder().listener(printer::onEvent)
          .acceptCommands(true).build());
      RunSummary summary = run.completion().toCompletableFuture().get();
      SummaryPrinter.print(out, summary);
      exitCode = summary.exitCode();
    }
    out.println();
    out.println("git log --oneline --graph:");
    out.print(git(target, "log", "--oneline", "--graph"));
    out.flush();
    return exitCode;
  }

  private Path prepareFolder() throws IOException {
    if (directory == null) {
      return Files.createTempDirectory("sf-demo-");
    }
    Path target = directory.toAbsolutePath();
    if (Files.exists(target)) {
      if (!Files.isDirectory(target)) {
        throw new InvalidUsageException("'" + target + "' is a file; give an empty or missing"
            + " folder for the demo.");
      }
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new InvalidUsageException("'" + target + "' is not empty; give an empty or"
              + " missing folder for the demo.");
        }
      }
    }
    Files.createDirectories(target);
    return target;
  }

  /** Copies the sample project out of the CLI's jar, or its classes folder in a build. */
  static void extractSampleProject(Path target) throws IOException, URISyntaxException {
    Path source = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    if (Files.isDirectory(source)) {
      Path root = source.resolve(RESOURCE_ROOT);
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path destination = target.resolve(root.relativize(file).toString());
          Files.createDirectories(destination.getParent());
          Files.copy(file, destination);
        }
      }
      return;
    }
    try (JarFile jar = new JarFile(source.toFile())) {
      List<JarEntry> entries = jar.stream()
          .filter(entry -> entry.getName().startsWith(RESOURCE_ROOT) && !entry.isDirectory())
          .toList();
      for (JarEntry entry : entries) {
        Path destination = target.resolve(entry.getName().substring(RESOURCE_ROOT.length()));
        Files.createDirectories(destination.getParent());
        try (InputStream in = jar.getInputStream(entry)) {
          Files.copy(in, destination);
        }
      }
    }
  }

  private static String git(Path directory, String... args) throws IOException,
      InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new SfException("git " + String.join(" ", args) + " failed in " + directory + ": "
          + output.strip());
    }
    return output;
  }
}
