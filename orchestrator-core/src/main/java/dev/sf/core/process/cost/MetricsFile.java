package dev.sf.core.process.cost;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.sf.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads and writes {@code .sf/metrics.json} in a milestone's worktree. Writes are atomic, so the
 * file can be read at any moment while the worker runs. The schema is described in {@code
 * docs/worker-protocol.md}.
 */
public final class MetricsFile {

  /** The path of the metrics file inside a worktree. */
  public static final Path RELATIVE_PATH = Path.of(".sf", "metrics.json");

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(instantsAsText())
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private MetricsFile() {}

  /**
   * Returns the metrics file of a worktree.
   *
   * @param worktree the worktree folder
   * @return {@code <worktree>/.sf/metrics.json}
   */
  public static Path path(Path worktree) {
    return worktree.resolve(RELATIVE_PATH);
  }

  /**
   * Writes the metrics atomically, creating {@code .sf/} when needed.
   *
   * @param worktree the worktree folder
   * @param metrics the metrics to write
   * @throws IOException when the file cannot be written
   */
  public static void write(Path worktree, Metrics metrics) throws IOException {
    AtomicFiles.write(path(worktree), MAPPER.writeValueAsBytes(metrics));
  }

  /**
   * Reads the metrics of a worktree. Unknown fields are ignored, so that older readers accept
   * files with more fields.
   *
   * @param worktree the worktree folder
   * @return the metrics, or empty when the file does not exist
   * @throws IOException when the file exists but cannot be read or is not valid metrics JSON
   */
  public static Optional<Metrics> read(Path worktree) throws IOException {
    Path file = path(worktree);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readValue(content, Metrics.class));
    } catch (JacksonException e) {
      throw new IOException("Metrics file " + file + " is not valid metrics JSON: "
          + e.getOriginalMessage() + ". Delete it; sf writes it again at the next update.", e);
    }
  }

  private static SimpleModule instantsAsText() {
    SimpleModule module = new SimpleModule("sf-instants");
    module.addSerializer(Instant.class, ToStringSerializer.instance);
    module.addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
      @Override
      protected Instant _deserialize(String value, DeserializationContext context) {
        try {
          return Instant.parse(value);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 instant", e);
        }
      }
    });
    return module;
  }
}
