package dev.sf.core.process;

import dev.sf.core.model.Preferences.ModelPrice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/** Finds the fixtures and fake agents on the test class path and copies them where needed. */
public final class TestResources {

  /** A pricing table for the models in the fixtures, USD per million tokens. */
  public static final Map<String, ModelPrice> PRICING = Map.of(
      "gpt-5-codex", price("1.25", "0.125", "10"),
      "gemini-2.5-pro", price("1.25", "0.31", "10"),
      "local-model", price("1", "0.5", "2"));

  private TestResources() {}

  /** Returns a price from decimal text. */
  public static ModelPrice price(String input, String cachedInput, String output) {
    return new ModelPrice(new BigDecimal(input), new BigDecimal(cachedInput),
        new BigDecimal(output));
  }

  /**
   * Returns the path of a test resource, such as {@code fixtures/aider/session.txt}. Inside the
   * test jar, which other modules use, the path belongs to a zip file system; copy it out with
   * {@link #installFakeAgents} before running anything from it.
   */
  public static Path resource(String name) {
    URL url = TestResources.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("Test resource " + name + " is missing");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return Path.of(uri);
      }
      try {
        return FileSystems.getFileSystem(uri).provider().getPath(uri);
      } catch (FileSystemNotFoundException e) {
        return FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri);
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("Test resource " + name + " cannot be opened", e);
    }
  }

  /**
   * Copies {@code fake-agents/} and {@code fixtures/} into {@code target} and makes the agents
   * executable, since resource copying may drop the execute bit.
   *
   * @return the folder that contains the fake agents
   */
  public static Path installFakeAgents(Path target) throws IOException {
    copyTree(resource("fake-agents"), target.resolve("fake-agents"));
    copyTree(resource("fixtures"), target.resolve("fixtures"));
    Path agents = target.resolve("fake-agents");
    try (Stream<Path> files = Files.list(agents)) {
      files.forEach(file -> {
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return agents;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy);
        }
      }
    }
  }
}
