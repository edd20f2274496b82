package dev.sf.api;

import dev.sf.core.git.DiffSummary;
import dev.sf.core.model.EligibilityReport;
import dev.sf.core.model.Milestone;
import dev.sf.core.model.PreferenceEntry;
import dev.sf.core.runtime.ConflictPrediction;
import dev.sf.core.runtime.DiffStats;
import dev.sf.core.runtime.MergePreview;
import dev.sf.core.runtime.MilestoneRecord;
import dev.sf.core.runtime.RunRecord;
import dev.sf.core.runtime.RuntimeEvent;
import dev.sf.core.runtime.StatusReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Converts internal values into the public API's value types. */
final class Views {
  private static final String WORKER_OUTPUT = "worker.output";

  private Views() {}

  static MilestoneInfo milestone(Milestone milestone) {
    return new MilestoneInfo(milestone.id(), milestone.title(), milestone.dependsOn(),
        milestone.files(), milestone.slices().stream()
            .map(slice -> new MilestoneInfo.SliceInfo(slice.id(), slice.title())).toList(),
        milestone.plan(), milestone.file());
  }

  /**
   * Converts one preference entry. An unset {@code worker.output} shows {@code presetOutput},
   * the format the worker preset brings, because that is the format sf reads.
   */
  static PreferenceValue preference(PreferenceEntry entry, String presetOutput) {
    boolean presetFormat = entry.value() == null && WORKER_OUTPUT.equals(entry.key());
    return new PreferenceValue(entry.key(), presetFormat ? presetOutput : render(entry.value()),
        PreferenceValue.Source.valueOf(entry.source().name()), entry.file(), entry.line());
  }

  static String render(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(Views::render).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + ": " + render(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(value);
  }

  static QueueReport queue(EligibilityReport report, List<Milestone> milestones,
      Map<String, MilestoneRecord> records) {
    Map<String, String> titles = new HashMap<>();
    milestones.forEach(m -> titles.put(m.id(), m.title()));
    List<QueueEntry> entries = new ArrayList<>();
    for (EligibilityReport.Verdict verdict : report.verdicts()) {
      MilestoneRecord record = records.get(verdict.id());
      String state = record == null ? "pending" : record.state();
      entries.add(new QueueEntry(verdict.id(), titles.get(verdict.id()), state,
          verdict(verdict.kind()), verdict.reason(), verdict.blockers(), verdict.notes()));
    }
    List<QueueReport.Overlap> overlaps = report.overlaps().stream()
        .map(o -> new QueueReport.Overlap(o.first(), o.second(), o.files())).toList();
    return new QueueReport(entries, overlaps);
  }

  private static QueueEntry.Verdict verdict(EligibilityReport.Kind kind) {
    switch (kind) {
      case ELIGIBLE:
        return QueueEntry.Verdict.ELIGIBLE;
      case RUNNING:
        return QueueEntry.Verdict.RUNNING;
      case COMPLETE:
      case AWAITING_MERGE:
        return QueueEntry.Verdict.COMPLETE;
      default:
        return QueueEntry.Verdict.BLOCKED;
    }
  }

  /**
   * Builds a snapshot from a report. The snapshot lists the report's predicted conflicts first,
   * then {@code extraConflicts}.
   */
  static StatusSnapshot status(StatusReport report, String integrationBranch,
      List<StatusSnapshot.PredictedConflict> extraConflicts) {
    return status(report, integrationBranch, extraConflicts, null);
  }

  /**
   * Builds a snapshot like {@link #status(StatusReport, String, List)}. When the report has no
   * run yet, the snapshot shows {@code configuredCeiling}, which may be null for none.
   */
  static StatusSnapshot status(StatusReport report, String integrationBranch,
      List<StatusSnapshot.PredictedConflict> extraConflicts, BigDecimal configuredCeiling) {
    List<StatusSnapshot.PredictedConflict> conflicts = new ArrayList<>();
    for (ConflictPrediction prediction : report.predictedConflicts()) {
      conflicts.add(new StatusSnapshot.PredictedConflict(prediction.first(), prediction.second(),
          prediction.files()));
    }
    conflicts.addAll(extraConflicts);
    RunRecord run = report.run();
    List<MilestoneStatus> rows = report.milestones().stream().map(Views::row).toList();
    BigDecimal planned = report.milestones().stream().map(MilestoneRecord::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    // The run's recorded total also counts milestones that are no longer planned.
    boolean recordedMore = run != null && run.totalUsd() != null
        && run.totalUsd().compareTo(planned) > 0;
    BigDecimal total = recordedMore ? run.totalUsd() : planned;
    return new StatusSnapshot(run == null ? null : run.runId(),
        run == null ? integrationBranch : run.integrationBranch(), report.live(), rows, total,
        run == null ? configuredCeiling : run.budgetCeiling(),
        run == null ? RunRecord.BUDGET_OK : run.budgetState(), conflicts, Instant.now());
  }

  static MilestoneStatus row(MilestoneRecord record) {
    boolean running = record.stateValue().hasWorker();
    return new MilestoneStatus(record.id(), record.title(), record.state(), record.reason(),
        record.slicesDone().size(), record.slicesTotal(), record.costUsd(),
        record.unpricedModels(), record.startedAt(), record.endedAt(),
        running ? record.pid() : null, record.latestActivity(), record.exitCode(),
        record.conflictFiles(), record.attempts());
  }

  static DiffReport diff(String milestoneId, DiffSummary diff) {
    List<DiffReport.FileChange> files = diff.files().stream()
        .map(f -> new DiffReport.FileChange(f.path(), f.change(), f.added(), f.removed(),
            f.binary()))
        .toList();
    return new DiffReport(milestoneId, files, diff.linesAdded(), diff.linesRemoved(),
        diff.conflicts(), DiffStats.format(diff), diff.patch());
  }

  static MergePrompt prompt(MergePreview preview) {
    return new MergePrompt(preview.milestoneId(), preview.title(), preview.costUsd(),
        preview.diffStat(), preview.conflicts());
  }

  static RunEvent event(RuntimeEvent event) {
    if (event instanceof RuntimeEvent.StateChanged e) {
      return new RunEvent.StateChanged(e.milestoneId(), e.state(), e.reason());
    }
    if (event instanceof RuntimeEvent.WorkerStarted e) {
      return new RunEvent.WorkerStarted(e.milestoneId(), e.pid(), e.attempt(), e.adopted());
    }
    if (event instanceof RuntimeEvent.CostUpdated e) {
      return new RunEvent.CostUpdated(e.milestoneId(), e.milestoneUsd(), e.runTotalUsd(),
          e.unpricedModels());
    }
    if (event instanceof RuntimeEvent.SliceFinished e) {
      return new RunEvent.SliceFinished(e.milestoneId(), e.sliceId(), e.done(), e.total());
    }
    if (event instanceof RuntimeEvent.Progress e) {
      return new RunEvent.ProgressReported(e.milestoneId(), e.message());
    }
    if (event instanceof RuntimeEvent.WorkerExited e) {
      return new RunEvent.WorkerExited(e.milestoneId(), e.state(), e.exitCode(), e.reason());
    }
    if (event instanceof RuntimeEvent.BudgetWarning e) {
      return new RunEvent.BudgetWarning(e.ceilingUsd(), e.totalUsd());
    }
    if (event instanceof RuntimeEvent.CeilingReached e) {
      return new RunEvent.CeilingReached(e.ceilingUsd(), e.totalUsd());
    }
    if (event instanceof RuntimeEvent.Merged e) {
      return new RunEvent.Merged(e.milestoneId(), e.commit(), e.partial(), e.notes());
    }
    if (event instanceof RuntimeEvent.MergeFailed e) {
      return new RunEvent.MergeConflict(e.milestoneId(), e.conflict(), e.files(), e.reason());
    }
    RuntimeEvent.RunFinished finished = (RuntimeEvent.RunFinished) event;
    return new RunEvent.RunFinished(finished.exitCode());
  }
}
