package dev.sf.core.doctor;

import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.MilestoneState;

/** Copies of milestone records with one thing changed. */
final class Records {
  private Records() {}

  static MilestoneRecord withState(MilestoneRecord r, MilestoneState state, String reason) {
    return new MilestoneRecord(r.id(), r.title(), state.wireName(), reason, r.pid(),
        r.processStart(), r.logFile(), r.logOffset(), r.ledger(), r.costUsd(),
        r.unpricedModels(), r.slicesDone(), r.slicesTotal(), r.latestActivity(), r.startedAt(),
        r.endedAt(), r.exitCode(), r.attempts(), r.mergedCommit(), r.conflictFiles());
  }
}
