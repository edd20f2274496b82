package dev.sf.core.control;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Test helper run in a second JVM: takes the coordinator lock of the project given as the first
 * argument, serves {@code ping} on the control socket, prints {@code LOCKED <pid>} and holds both
 * until its standard input closes.
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  /** Runs the helper; see the class description. */
  public static void main(String[] args) throws Exception {
    Path project = Path.of(args[0]);
    try (CoordinatorLock lock = CoordinatorLock.acquire(project);
        ControlServer server = ControlServer.start(project, request ->
            CompletableFuture.completedFuture(
                ControlResponse.success("pong from " + ProcessHandle.current().pid())))) {
      System.out.println("LOCKED " + lock.info().pid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Wait for the end of standard input.
      }
    }
  }
}
