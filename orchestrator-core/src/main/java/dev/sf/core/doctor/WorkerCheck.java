package dev.sf.core.doctor;

import dev.sf.core.process.ProcessSignals;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.MilestoneState;
import dev.sf.core.runtime.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compares the worker records with the processes when no coordinator runs: a record that says a
 * worker runs whose process (pid and start time) is gone is stale; a live worker without a
 * coordinator is an orphan, which only {@code sf parallel start} (adopt) or {@code sf parallel
 * stop} should handle, because they keep its cost.
 */
final class WorkerCheck {
  private final Doctor doctor;

  WorkerCheck(Doctor doctor) {
    this.doctor = doctor;
  }

  void run() {
    if (doctor.coordinator().isPresent()) {
      return;
    }
    for (MilestoneRecord record : records()) {
      if (!record.stateValue().hasWorker()) {
        continue;
      }
      if (alive(record)) {
        doctor.manual(Check.ORPHAN_WORKER, record.id(), "The worker of milestone "
            + record.id() + " (pid " + record.pid() + ") is running, but no coordinator"
            + " watches it.", "run 'sf parallel start' to adopt it (its cost keeps counting),"
            + " or 'sf parallel stop " + record.id() + "' to stop it");
      } else {
        repairDead(record);
      }
    }
  }

  private void repairDead(MilestoneRecord record) {
    RunStore store = doctor.session().store();
    doctor.repairable(Check.DEAD_WORKER_RECORD, record.id(), "The record of milestone "
        + record.id() + " says '" + record.state() + "', but its worker (pid " + record.pid()
        + ") is no longer running.", "read the rest of its log for cost and slices, then mark"
        + " it failed; the next 'sf parallel start' runs it again in the same worktree", false,
        () -> {
          MilestoneRecord caughtUp = new LogRebuilder(doctor.session()).catchUp(record);
          store.writeMilestone(Records.withState(caughtUp, MilestoneState.FAILED,
              "the worker ended while no coordinator was running"));
        });
  }

  private static boolean alive(MilestoneRecord record) {
    return record.pid() != null && record.processStart() != null
        && ProcessSignals.findProcess(record.pid(), record.processStart()).isPresent();
  }

  /** Returns the readable records; unreadable ones are the state file check's concern. */
  private List<MilestoneRecord> records() {
    Path folder = doctor.session().store().parallelDir().resolve("workers");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(f -> StateFileCheck.unreadable(f, MilestoneRecord.class) == null)
          .sorted().map(WorkerCheck::read).toList();
    } catch (IOException e) {
      throw new dev.sf.errors.SfException("Cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static MilestoneRecord read(Path file) {
    try {
      return RunStore.json().readValue(file.toFile(), MilestoneRecord.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
