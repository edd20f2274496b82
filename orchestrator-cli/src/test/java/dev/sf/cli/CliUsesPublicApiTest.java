package dev.sf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI is a client of the public API: its sources import nothing from {@code dev.sf.core}. */
class CliUsesPublicApiTest {
  private static final Path SOURCES =
      Path.of(System.getProperty("basedir", ""), "src", "main", "java").toAbsolutePath();

  @Test
  void cliSourcesImportNoInternalPackage() throws IOException {
    List<String> offenders = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(SOURCES)) {
      for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
        files++;
        for (String line : Files.readAllLines(file)) {
          if (line.contains("dev.sf.core.")) {
            offenders.add(SOURCES.relativize(file) + ": " + line.strip());
          }
        }
      }
    }

    assertTrue(files > 20, "expected the CLI sources under " + SOURCES + ", found " + files);
    assertEquals(List.of(), offenders);
  }
}
