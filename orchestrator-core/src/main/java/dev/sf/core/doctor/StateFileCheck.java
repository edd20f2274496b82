package dev.sf.core.doctor;

import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.RunRecord;
import dev.sf.core.runtime.RunStore;
import dev.sf.errors.SfException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Finds state files under {@code .sf/parallel} that cannot be read and rebuilds them: a
 * milestone record from its worker log, {@code run.json} from the milestone records and the
 * preferences.
 */
final class StateFileCheck {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(StateFileCheck.class);

  private final Doctor doctor;
  private final RunStore store;

  StateFileCheck(Doctor doctor) {
    this.doctor = doctor;
    this.store = doctor.session().store();
  }

  void run() {
    for (Path file : workerFiles()) {
      String problem = unreadable(file, MilestoneRecord.class);
      if (problem != null) {
        String id = file.getFileName().toString().replaceFirst("\\.json$", "");
        repairMilestone(file, id, problem);
      }
    }
    Path runFile = store.runFile();
    if (Files.exists(runFile)) {
      String problem = unreadable(runFile, RunRecord.class);
      if (problem != null) {
        repairRun(runFile, problem);
      }
    }
  }

  private void repairMilestone(Path file, String id, String problem) {
    String subject = relative(file);
    String message = "The state file " + subject + " cannot be read (" + problem + ").";
    if (blockedByCoordinator(subject, message)) {
      return;
    }
    boolean hasLog = Files.exists(store.logFile(id));
    String fixText = hasLog
        ? "rebuild it from " + relative(store.logFile(id)) + " (cost, slices, read offset)"
        : "replace it with a pending record, since no worker log exists";
    doctor.repairable(Check.UNREADABLE_STATE_FILE, subject, message, fixText, false, () -> {
      MilestoneRecord rebuilt = new LogRebuilder(doctor.session())
          .rebuild(id, doctor.integrationBranch());
      store.writeMilestone(rebuilt);
    });
  }

  private void repairRun(Path file, String problem) {
    String subject = relative(file);
    String message = "The state file " + subject + " cannot be read (" + problem + ").";
    if (blockedByCoordinator(subject, message)) {
      return;
    }
    doctor.repairable(Check.UNREADABLE_STATE_FILE, subject, message,
        "rebuild it from the milestone records: total cost, ceiling from the preferences,"
            + " integration branch '" + doctor.integrationBranch() + "'", false,
        () -> store.writeRun(rebuildRun()));
  }

  private boolean blockedByCoordinator(String subject, String message) {
    if (doctor.coordinator().isEmpty()) {
      return false;
    }
    doctor.manual(Check.UNREADABLE_STATE_FILE, subject, message, "the coordinator (pid "
        + doctor.coordinator().get().pid() + ") owns the run state; stop it with"
        + " 'sf parallel stop', then run 'sf doctor --fix'");
    return true;
  }

  private RunRecord rebuildRun() {
    Map<String, MilestoneRecord> records = readableRecords();
    BigDecimal total = records.values().stream().map(MilestoneRecord::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal ceiling = null;
    try {
      ceiling = doctor.session().preferences().preferences().parallel().budgetCeiling();
    } catch (SfException e) {
      // Invalid preferences are reported by their own check; the run then has no ceiling
      // until the next start reads the preferences again.
    }
    String budget = RunRecord.BUDGET_OK;
    if (ceiling != null && total.compareTo(ceiling) >= 0) {
      budget = RunRecord.BUDGET_REACHED;
    } else if (ceiling != null && total.compareTo(ceiling.multiply(new BigDecimal("0.8"))) >= 0) {
      budget = RunRecord.BUDGET_WARNED;
    }
    Instant now = Instant.now();
    return new RunRecord(UUID.randomUUID().toString().substring(0, 8),
        doctor.session().git().currentBranch(), now, now, ceiling, total, budget, null);
  }

  private Map<String, MilestoneRecord> readableRecords() {
    Map<String, MilestoneRecord> records = new TreeMap<>();
    for (Path file : workerFiles()) {
      try {
        MilestoneRecord record = RunStore.json().readValue(file.toFile(), MilestoneRecord.class);
        if (record != null) {
          records.put(record.id(), record);
        }
      } catch (IOException e) {
        log.warn("Leaving the unreadable state file '{}' out of the rebuilt run total", file, e);
      }
    }
    return records;
  }

  private List<Path> workerFiles() {
    Path folder = store.parallelDir().resolve("workers");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new SfException("Cannot list the run state folder " + folder + ": "
          + e.getMessage(), e);
    }
  }

  /** Returns why a state file cannot be read, or null when it can. */
  static String unreadable(Path file, Class<?> type) {
    try {
      Object value = RunStore.json().readValue(file.toFile(), type);
      if (value == null) {
        return "the file is empty";
      }
      if (value instanceof MilestoneRecord record && record.id() == null) {
        return "it has no id";
      }
      return null;
    } catch (IOException e) {
      String text = String.valueOf(e.getMessage());
      int newline = text.indexOf('\n');
      return newline < 0 ? text : text.substring(0, newline);
    }
  }

  private String relative(Path file) {
    return Doctor.relative(doctor.session().root(), file);
  }
}
