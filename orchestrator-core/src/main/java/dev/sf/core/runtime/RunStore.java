package dev.sf.core.runtime;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.sf.core.io.AtomicFiles;
import dev.sf.errors.StateFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads and writes the run state under {@code .sf/parallel/}: {@code run.json} for the run and
 * {@code workers/<id>.json} for each milestone. Every write is atomic.
 */
public final class RunStore {
  private final Path parallelDir;

  /** Creates a store for the project at {@code projectRoot}. */
  public RunStore(Path projectRoot) {
    this.parallelDir = projectRoot.resolve(".sf").resolve("parallel");
  }

  /** Returns the shared JSON mapper for state files: snake_case keys, ISO-8601 instants. */
  public static ObjectMapper json() {
    return Mapper.JSON;
  }

  /**
   * The mapper, created on first use: opening a project makes a store, and a command that talks
   * only to a running coordinator never reads a state file, so it skips the mapper's set-up.
   */
  private static final class Mapper {
    static final ObjectMapper JSON = createMapper();

    private static ObjectMapper createMapper() {
      SimpleModule instants = new SimpleModule("sf-instants");
      instants.addSerializer(Instant.class, new ToStringSerializer());
      instants.addDeserializer(Instant.class,
          new FromStringDeserializer<Instant>(Instant.class) {
            private static final long serialVersionUID = 1L;

            @Override
            protected Instant _deserialize(String value,
                DeserializationContext context) {
              return Instant.parse(value);
            }
          });
      return JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .addModule(instants)
          .build();
    }
  }

  /** Returns {@code .sf/parallel}. */
  public Path parallelDir() {
    return parallelDir;
  }

  /** Returns the log file of a milestone's workers. */
  public Path logFile(String milestoneId) {
    return parallelDir.resolve("logs").resolve(milestoneId + ".log");
  }

  /** Returns the state file of one milestone. */
  public Path milestoneFile(String milestoneId) {
    return parallelDir.resolve("workers").resolve(milestoneId + ".json");
  }

  /** Returns {@code run.json}. */
  public Path runFile() {
    return parallelDir.resolve("run.json");
  }

  /** Writes the run record. */
  public void writeRun(RunRecord run) throws IOException {
    AtomicFiles.write(runFile(), json().writeValueAsBytes(run));
  }

  /** Writes one milestone record. */
  public void writeMilestone(MilestoneRecord record) throws IOException {
    AtomicFiles.write(milestoneFile(record.id()), json().writeValueAsBytes(record));
  }

  /**
   * Loads the recorded run, or empty when there is none.
   *
   * @throws StateFileException naming the file when a state file cannot be read
   */
  public Optional<RunSnapshot> load() {
    Path runFile = runFile();
    if (!Files.exists(runFile)) {
      return Optional.empty();
    }
    RunRecord run = read(runFile, RunRecord.class);
    return Optional.of(new RunSnapshot(run, loadMilestones()));
  }

  /** Loads every milestone record; unreadable ones raise {@link StateFileException}. */
  public Map<String, MilestoneRecord> loadMilestones() {
    Map<String, MilestoneRecord> records = new TreeMap<>();
    Path workers = parallelDir.resolve("workers");
    if (!Files.isDirectory(workers)) {
      return records;
    }
    try (Stream<Path> files = Files.list(workers)) {
      for (Path file : files.filter(RunStore::isStateFile).sorted().toList()) {
        MilestoneRecord record = read(file, MilestoneRecord.class);
        records.put(record.id(), record);
      }
    } catch (IOException e) {
      throw new StateFileException(workers, "Cannot list the run state folder " + workers
          + ": " + e.getMessage(), e);
    }
    return records;
  }

  private static boolean isStateFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") && !name.startsWith(".");
  }

  private static <T> T read(Path file, Class<T> type) {
    try {
      T value = json().readValue(file.toFile(), type);
      if (value == null) {
        throw new IOException("the file is empty");
      }
      return value;
    } catch (IOException e) {
      throw new StateFileException(file, "The run state file " + file + " cannot be read ("
          + firstLine(e.getMessage()) + "). Run 'sf doctor' to inspect it, or 'sf doctor --fix'"
          + " to rebuild it from the worker logs.", e);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unknown error";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /**
   * A run as recorded on disk.
   *
   * @param run the run record
   * @param milestones the milestone records by id
   */
  public record RunSnapshot(RunRecord run, Map<String, MilestoneRecord> milestones) {}
}
