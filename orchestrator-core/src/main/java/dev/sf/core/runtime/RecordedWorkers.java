package dev.sf.core.runtime;

import dev.sf.core.process.ProcessSignals;

/** Checks recorded worker processes by pid and start time, so reused pids are never mistaken. */
final class RecordedWorkers {
  private RecordedWorkers() {}

  static boolean alive(MilestoneRecord record) {
    return record.pid() != null && record.processStart() != null
        && ProcessSignals.findProcess(record.pid(), record.processStart()).isPresent();
  }
}
