package dev.sf.core.doctor;

import dev.sf.core.control.CoordinatorInfo;
import dev.sf.core.control.CoordinatorLock;
import dev.sf.core.runtime.ProjectSession;
import dev.sf.errors.SfException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a project for what crashes and interrupted commands leave behind (stale coordinator and
 * worker records, orphan worktrees and processes, merged branches, leftover merge state, invalid
 * or unreadable files) and, when asked, repairs what is safe. Repairs that would delete
 * uncommitted work or unmerged commits run only when forced.
 *
 * <p>While a coordinator runs, it owns the run state, so the checks of worker records and state
 * files only report and the worktrees of its active milestones are left alone.
 *
 * <p>Branches are compared with the recorded run's integration branch, even when the project
 * root has another branch checked out; that is reported as a finding of its own.
 */
public final class Doctor {
  private static final Logger log = LoggerFactory.getLogger(Doctor.class);

  private final ProjectSession session;
  private final boolean fix;
  private final boolean force;
  private final List<Finding> findings = new ArrayList<>();
  private Optional<CoordinatorInfo> coordinator = Optional.empty();
  private String integrationBranch;

  /**
   * Creates a doctor for one project.
   *
   * @param session the opened project
   * @param fix true to repair what is safe
   * @param force true to repair also what deletes uncommitted work or unmerged commits
   */
  public Doctor(ProjectSession session, boolean fix, boolean force) {
    this.session = session;
    this.fix = fix;
    this.force = force;
  }

  /** Runs every check, repairing as configured, and returns what was found. */
  public DoctorResult run() {
    coordinator = new CoordinatorCheck(this).run();
    integrationBranch();
    new ConfigCheck(this).run();
    new StateFileCheck(this).run();
    new WorkerCheck(this).run();
    new WorktreeCheck(this).run();
    new BranchCheck(this).run();
    new MergeLeftoverCheck(this).run();
    return new DoctorResult(findings, fix, force);
  }

  ProjectSession session() {
    return session;
  }

  boolean fixing() {
    return fix;
  }

  /** Returns the running coordinator, if one holds the project's lock. */
  Optional<CoordinatorInfo> coordinator() {
    return coordinator;
  }

  /**
   * Returns the integration branch: the recorded run's, or the branch checked out in the project
   * root when there is no readable run record or its branch does not exist.
   */
  String integrationBranch() {
    if (integrationBranch == null) {
      integrationBranch = new IntegrationBranchCheck(this).run();
    }
    return integrationBranch;
  }

  /** A repair step, which may fail. */
  @FunctionalInterface
  interface Repair {
    void apply() throws IOException;
  }

  /** Records a problem that has no automatic repair. */
  void manual(Check check, String subject, String message, String advice) {
    add(new Finding(check, subject, message, advice, Outcome.MANUAL));
  }

  /**
   * Records a problem and, when fixing, repairs it.
   *
   * @param destroysWork true when the repair deletes uncommitted work or unmerged commits, so
   *     that it runs only when forced
   */
  void repairable(Check check, String subject, String message, String fixText,
      boolean destroysWork, Repair repair) {
    repairable(check, subject, message, fixText, destroysWork, "", repair);
  }

  /**
   * Records a problem and, when fixing, repairs it.
   *
   * @param destroysWork true when the repair deletes uncommitted work or unmerged commits, so
   *     that it runs only when forced
   * @param keepAdvice what the user can do to keep that work, in full sentences, shown when the
   *     repair is kept for want of force; empty for none
   */
  void repairable(Check check, String subject, String message, String fixText,
      boolean destroysWork, String keepAdvice, Repair repair) {
    Finding found = new Finding(check, subject, message, fixText, Outcome.FOUND);
    if (destroysWork && !force) {
      String kept = keepAdvice.isBlank()
          ? "kept: " + fixText + " only with 'sf doctor --fix --force'"
          : "kept. " + keepAdvice + " Otherwise 'sf doctor --fix --force' will " + fixText + ".";
      add(found.withOutcome(Outcome.NEEDS_FORCE, kept));
      return;
    }
    if (!fix) {
      add(found);
      return;
    }
    try {
      repair.apply();
      log.info("Repaired {} '{}': {}", check.code(), subject, fixText);
      add(found.withOutcome(Outcome.FIXED, fixText));
    } catch (IOException | SfException | IllegalStateException e) {
      log.warn("Repairing {} '{}' failed", check.code(), subject, e);
      add(found.withOutcome(Outcome.FAILED, fixText + " failed: " + e.getMessage()));
    }
  }

  private void add(Finding finding) {
    findings.add(finding);
  }

  /** Finds a coordinator record whose lock is free; returns the running coordinator, if any. */
  private static final class CoordinatorCheck {
    private final Doctor doctor;

    CoordinatorCheck(Doctor doctor) {
      this.doctor = doctor;
    }

    Optional<CoordinatorInfo> run() {
      var root = doctor.session.root();
      var recordFile = doctor.session.store().parallelDir().resolve("coordinator.json");
      Optional<CoordinatorInfo> stale;
      try {
        stale = CoordinatorLock.staleRecord(root);
      } catch (SfException e) {
        log.warn("The coordinator record '{}' cannot be read", recordFile, e);
        doctor.repairable(Check.STALE_COORDINATOR_RECORD, relative(root, recordFile),
            e.getMessage(), "delete " + relative(root, recordFile), false,
            () -> java.nio.file.Files.deleteIfExists(recordFile));
        return Optional.empty();
      }
      if (stale.isPresent()) {
        CoordinatorInfo info = stale.get();
        doctor.repairable(Check.STALE_COORDINATOR_RECORD, relative(root, recordFile),
            "The coordinator record names pid " + info.pid() + " (started " + info.startedAt()
                + "), but no coordinator holds the lock: that coordinator ended without"
                + " cleaning up.",
            "delete " + relative(root, recordFile) + " and its control socket", false, () -> {
              java.nio.file.Files.deleteIfExists(recordFile);
              java.nio.file.Files.deleteIfExists(info.socketPath());
            });
        return Optional.empty();
      }
      return CoordinatorLock.holder(root);
    }
  }

  static String relative(java.nio.file.Path root, java.nio.file.Path path) {
    java.nio.file.Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }
}
