package dev.sf.core.runtime;

import dev.sf.core.git.DiffSummary;
import dev.sf.core.git.ProjectGit;
import dev.sf.core.git.RepositoryRoot;
import dev.sf.core.model.EligibilityAnalyzer;
import dev.sf.core.model.EligibilityReport;
import dev.sf.core.model.LoadedPreferences;
import dev.sf.core.model.Milestone;
import dev.sf.core.model.MilestoneFacts;
import dev.sf.core.model.MilestoneLoader;
import dev.sf.core.model.PreferencesLoader;
import dev.sf.core.process.DefaultWorkerLauncher;
import dev.sf.core.process.output.OutputFormats;
import dev.sf.errors.ConfigException;
import dev.sf.errors.InvalidUsageException;
import dev.sf.spi.OutputFormat;
import dev.sf.spi.WorkerLauncher;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One opened project: its repository, preferences, milestones and recorded run, and the
 * operations that need no coordinator (analysis, status from disk, diffs). The public API is a
 * thin layer over it.
 */
public final class ProjectSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProjectSession.class);

  private final Path directory;
  private final Path root;
  private ProjectGit git;
  private final Path sfHome;
  private final Map<String, String> overrides;
  private final WorkerLauncher launcher;
  private final OutputFormats formats;
  private final int maxWorkersLimit;
  private final Duration pollInterval;
  private final RunStore store;

  /**
   * Opens the project that contains {@code directory}.
   *
   * @param directory any folder inside the repository
   * @param sfHome the user preferences folder, or null for {@code SF_HOME} or {@code ~/.sf}
   * @param overrides preference overrides by dotted key
   * @param launcher the worker launcher, or null for the built-in one
   * @param extraFormats output formats added to the built-in ones
   * @param maxWorkersLimit the largest {@code max_workers} accepted
   * @param pollInterval how often worker logs are read
   */
  public ProjectSession(Path directory, Path sfHome, Map<String, String> overrides,
      WorkerLauncher launcher, List<OutputFormat> extraFormats, int maxWorkersLimit,
      Duration pollInterval) {
    this.directory = directory;
    this.root = RepositoryRoot.find(directory);
    this.sfHome = sfHome == null ? PreferencesLoader.defaultUserFolder() : sfHome;
    this.overrides = Map.copyOf(overrides);
    this.launcher = launcher == null ? new DefaultWorkerLauncher() : launcher;
    OutputFormats known = OutputFormats.builtIn();
    for (OutputFormat format : extraFormats) {
      known = known.with(format);
    }
    this.formats = known;
    this.maxWorkersLimit = maxWorkersLimit;
    this.pollInterval = pollInterval;
    this.store = new RunStore(root);
  }

  public Path root() {
    return root;
  }

  /**
   * Returns the repository, opened on first use: commands that only talk to a running
   * coordinator never load it.
   */
  public synchronized ProjectGit git() {
    if (git == null) {
      git = ProjectGit.open(directory);
    }
    return git;
  }

  public RunStore store() {
    return store;
  }

  WorkerLauncher launcher() {
    return launcher;
  }

  /** Returns the output formats workers of this project may use. */
  public OutputFormats formats() {
    return formats;
  }

  Duration pollInterval() {
    return pollInterval;
  }

  /**
   * Reads the preferences: defaults, the user file, the project file and the overrides.
   *
   * @throws ConfigException when a file is invalid
   */
  public LoadedPreferences preferences() {
    return new PreferencesLoader(sfHome)
        .withMaxWorkersLimit(maxWorkersLimit)
        .withExtraOutputFormats(formats.names())
        .load(root, overrides);
  }

  /**
   * Reads every milestone, in dependency order.
   *
   * @throws ConfigException when a milestone file is invalid
   */
  public List<Milestone> milestones() {
    return new MilestoneLoader(formats.names()).load(root);
  }

  /**
   * Returns the integration branch: the one the recorded run merges into, or else the branch
   * checked out in the project root.
   *
   * @throws InvalidUsageException when the project root has another branch checked out than
   *     the recorded run's
   */
  public String integrationBranch() {
    String current = git().currentBranch();
    Optional<String> recorded = recordedRun().map(RunRecord::integrationBranch);
    if (recorded.isPresent() && !recorded.get().equals(current)) {
      throw new InvalidUsageException("The run merges into '" + recorded.get()
          + "', but the project root has '" + current + "' checked out. Check out '"
          + recorded.get() + "' to go on with the run, or remove .sf/parallel to start a new"
          + " one.");
    }
    return current;
  }

  /** Returns the recorded run, if any; a run file that cannot be read raises an error. */
  public Optional<RunRecord> recordedRun() {
    return store.load().map(RunStore.RunSnapshot::run);
  }

  /** Returns the ids whose {@code status.yaml} on the integration branch says completed. */
  public Set<String> mergedComplete(List<Milestone> milestones, String integrationBranch) {
    Set<String> complete = new HashSet<>();
    for (Milestone milestone : milestones) {
      if (RuntimeServices.completeOn(git(), root, integrationBranch, milestone.id())) {
        complete.add(milestone.id());
      }
    }
    return complete;
  }

  /** Analyses which milestones can start, with overlap warnings. */
  public EligibilityReport analyse(List<Milestone> milestones) {
    String branch = integrationBranch();
    Set<String> complete = mergedComplete(milestones, branch);
    Map<String, MilestoneRecord> records = store.loadMilestones();
    List<String> files = git().trackedFiles(branch);
    MilestoneFacts facts = new MilestoneFacts() {
      @Override
      public boolean isMergedComplete(String id) {
        return complete.contains(id);
      }

      @Override
      public Optional<String> runState(String id) {
        return Optional.ofNullable(records.get(id)).map(MilestoneRecord::state);
      }

      @Override
      public Set<String> changedFiles(String id) {
        String milestoneBranch = RuntimeServices.branch(id);
        if (git().branchHead(milestoneBranch).isEmpty()) {
          return Set.of();
        }
        return git().changedSinceMergeBase(milestoneBranch, branch);
      }

      @Override
      public List<String> repositoryFiles() {
        return files;
      }
    };
    return EligibilityAnalyzer.analyze(milestones, facts);
  }

  /**
   * Builds the records of a run from disk: a record per milestone, recorded ones first, new ones
   * pending, titles and slice counts refreshed from the milestone files.
   */
  Map<String, MilestoneRecord> records(List<Milestone> milestones) {
    Map<String, MilestoneRecord> recorded = store.loadMilestones();
    Map<String, MilestoneRecord> records = new LinkedHashMap<>();
    for (Milestone milestone : milestones) {
      MilestoneRecord record = recorded.get(milestone.id());
      records.put(milestone.id(), record == null
          ? MilestoneRecord.pending(milestone.id(), milestone.title(), milestone.slices().size())
          : record.withTitle(milestone.title(), milestone.slices().size()));
    }
    return records;
  }

  /**
   * Returns the cost of recorded milestones that are no longer planned (their milestone file was
   * removed). Their cost was spent, so it stays in the run's total and counts against the ceiling.
   */
  public BigDecimal retiredCost(List<Milestone> milestones) {
    Set<String> planned = new HashSet<>();
    milestones.forEach(milestone -> planned.add(milestone.id()));
    return store.loadMilestones().values().stream()
        .filter(record -> !planned.contains(record.id()))
        .map(MilestoneRecord::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Reads the status from the files on disk, for when no coordinator runs. */
  public StatusReport statusFromDisk() {
    List<Milestone> milestones = milestones();
    Optional<RunStore.RunSnapshot> snapshot = store.load();
    Map<String, MilestoneRecord> records = records(milestones);
    Set<String> complete = mergedComplete(milestones, git().currentBranch());
    Map<String, MilestoneRecord> shown = new LinkedHashMap<>();
    for (MilestoneRecord record : records.values()) {
      MilestoneRecord view = record;
      if (complete.contains(record.id()) && record.stateValue() == MilestoneState.PENDING) {
        view = record.withState(MilestoneState.MERGED, "merged before this run");
      } else if (record.stateValue().hasWorker() && !RecordedWorkers.alive(record)) {
        view = record.withState(MilestoneState.FAILED,
            "the worker ended while no coordinator was running");
      }
      shown.put(view.id(), view);
    }
    RunRecord run = snapshot.map(RunStore.RunSnapshot::run).orElse(null);
    boolean reached = run != null && RunRecord.BUDGET_REACHED.equals(run.budgetState());
    return new StatusReport(run, List.copyOf(shown.values()), false, reached);
  }

  /** Computes what merging a milestone would bring, touching nothing. */
  public DiffSummary diff(String milestoneId, boolean withPatch) {
    requireMilestone(milestoneId);
    String branch = RuntimeServices.branch(milestoneId);
    if (git().branchHead(branch).isEmpty()) {
      throw new InvalidUsageException("Milestone " + milestoneId + " has no branch ("
          + branch + "), so there is nothing to compare. Start it first with"
          + " 'sf parallel start'.");
    }
    return git().diff(branch, integrationBranch(), withPatch);
  }

  /** Returns the milestone with this id, or raises an error that lists the known ids. */
  public Milestone requireMilestone(String milestoneId) {
    List<Milestone> milestones = milestones();
    return milestones.stream().filter(m -> m.id().equals(milestoneId)).findFirst()
        .orElseThrow(() -> new InvalidUsageException("Unknown milestone '" + milestoneId
            + "'. Known milestones: " + String.join(", ",
                milestones.stream().map(Milestone::id).toList()) + "."));
  }

  /** Returns the cost recorded for each milestone. */
  Map<String, java.math.BigDecimal> costs(Map<String, MilestoneRecord> records) {
    Map<String, java.math.BigDecimal> costs = new HashMap<>();
    records.forEach((id, record) -> costs.put(id, record.costUsd()));
    return costs;
  }

  /** Returns true when the project has an {@code .sf} folder. */
  public boolean hasSfFolder() {
    return Files.isDirectory(root.resolve(".sf"));
  }

  @Override
  public synchronized void close() {
    if (git != null) {
      git.close();
    }
  }
}
