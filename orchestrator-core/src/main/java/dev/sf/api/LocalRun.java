package dev.sf.api;

import dev.sf.core.runtime.Coordinator;
import dev.sf.core.runtime.ProjectSession;
import dev.sf.core.runtime.RunHandle;
import dev.sf.errors.SfException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link Run} over a {@link RunHandle} in this JVM. */
final class LocalRun implements Run {
  private final RunHandle handle;
  private final ProjectSession session;
  private final CompletableFuture<RunSummary> completion;

  LocalRun(RunHandle handle, ProjectSession session) {
    this.handle = handle;
    this.session = session;
    this.completion = handle.completion().thenApply(code -> new RunSummary(code,
        Views.status(session.statusFromDisk(), session.git().currentBranch(), List.of())));
  }

  RunHandle handle() {
    return handle;
  }

  @Override
  public CompletionStage<RunSummary> completion() {
    return completion;
  }

  @Override
  public CompletionStage<StatusSnapshot> status() {
    if (handle.completion().isDone()) {
      return CompletableFuture.supplyAsync(() -> Views.status(session.statusFromDisk(),
          session.git().currentBranch(), List.of()));
    }
    return handle.status().thenApply(report -> Views.status(report,
        report.run().integrationBranch(), List.of()));
  }

  @Override
  public CompletionStage<ControlResult> pause(String milestoneId) {
    return control(Coordinator.Action.PAUSE, milestoneId, false);
  }

  @Override
  public CompletionStage<ControlResult> resume(String milestoneId) {
    return control(Coordinator.Action.RESUME, milestoneId, false);
  }

  @Override
  public CompletionStage<ControlResult> stop(String milestoneId, boolean force) {
    return control(Coordinator.Action.STOP, milestoneId, force);
  }

  @Override
  public CompletionStage<ControlResult> merge(String milestoneId) {
    return control(Coordinator.Action.MERGE, milestoneId, false);
  }

  private CompletionStage<ControlResult> control(Coordinator.Action action, String milestoneId,
      boolean force) {
    if (handle.completion().isDone()) {
      return CompletableFuture.completedFuture(new ControlResult(false, 1,
          "The run has ended; start it again with sf parallel start."));
    }
    return handle.control(action, milestoneId, force)
        .thenApply(reply -> new ControlResult(reply.ok(), reply.exitCode(), reply.message()));
  }

  @Override
  public void close(boolean leaveWorkersRunning) {
    if (handle.completion().isDone()) {
      return;
    }
    handle.shutdown(!leaveWorkersRunning);
    try {
      handle.completion().get(2, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      throw new SfException("The coordinator did not finish within 2 minutes of closing", e);
    } catch (ExecutionException e) {
      throw new SfException("The coordinator failed while closing: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SfException("Interrupted while waiting for the coordinator to finish", e);
    }
  }
}
