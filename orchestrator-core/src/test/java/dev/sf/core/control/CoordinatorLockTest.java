package dev.sf.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorLockTest {
  @TempDir Path temp;

  private Path project;

  @BeforeEach
  void createProject() throws IOException {
    project = LongProjectPaths.create(temp);
  }

  @Test
  void tryAcquireWritesRecord() throws IOException {
    try (CoordinatorLock lock = CoordinatorLock.tryAcquire(project).orElseThrow()) {
      CoordinatorInfo info = lock.info();
      Path record = project.resolve(".sf/parallel/coordinator.json");

      assertEquals(ProcessHandle.current().pid(), info.pid());
      assertTrue(info.processStartTime().isPresent());
      assertEquals(project.toRealPath(), info.projectRoot());
      assertTrue(Files.exists(record));
      assertEquals(info, ControlJson.readInfo(Files.readString(record)));
      assertFalse(info.socketPath().startsWith(project));
    } catch (ControlJson.InvalidJsonException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void secondAcquireInSameProcessFails() {
    try (CoordinatorLock lock = CoordinatorLock.tryAcquire(project).orElseThrow()) {
      assertTrue(CoordinatorLock.tryAcquire(project).isEmpty());
      assertEquals(lock.info(), CoordinatorLock.holder(project).orElseThrow());

      CoordinatorRunningException e =
          assertThrows(CoordinatorRunningException.class, () -> CoordinatorLock.acquire(project));
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid() + ","),
          e.getMessage());
      assertTrue(e.getMessage().contains("sf parallel stop"), e.getMessage());
    }
  }

  @Test
  void closeReleasesLockAndRecord() {
    CoordinatorLock first = CoordinatorLock.tryAcquire(project).orElseThrow();
    first.close();

    assertTrue(CoordinatorLock.holder(project).isEmpty());
    assertTrue(CoordinatorLock.staleRecord(project).isEmpty());
    try (CoordinatorLock second = CoordinatorLock.tryAcquire(project).orElseThrow()) {
      assertNotNull(second.info());
    }
  }

  @Test
  void holderIsEmptyWithoutCoordinator() {
    assertTrue(CoordinatorLock.holder(project).isEmpty());
    assertTrue(CoordinatorLock.staleRecord(project).isEmpty());
  }

  @Test
  void lockOfOtherProcessNamesItsPid() throws Exception {
    Process holder = startLockHolder();
    try {
      long holderPid = readLockedPid(holder);

      assertEquals(holder.pid(), holderPid);
      assertTrue(CoordinatorLock.tryAcquire(project).isEmpty());
      CoordinatorInfo info = CoordinatorLock.holder(project).orElseThrow();
      assertEquals(holderPid, info.pid());
      CoordinatorRunningException e =
          assertThrows(CoordinatorRunningException.class, () -> CoordinatorLock.acquire(project));
      assertTrue(e.getMessage().startsWith("Another coordinator (pid " + holderPid + ", started "),
          e.getMessage());
      assertTrue(CoordinatorLock.staleRecord(project).isEmpty());

      ControlResponse pong =
          ControlClient.send(project, ControlRequest.ping(), Duration.ofSeconds(5)).orElseThrow();
      assertTrue(pong.ok());
      assertEquals("pong from " + holderPid, pong.message());
    } finally {
      holder.destroyForcibly();
      assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
    }

    assertTrue(CoordinatorLock.holder(project).isEmpty());
    Optional<CoordinatorInfo> stale = CoordinatorLock.staleRecord(project);
    assertEquals(holder.pid(), stale.orElseThrow().pid());
    assertTrue(ControlClient.send(project, ControlRequest.ping(), Duration.ofSeconds(1)).isEmpty());
    try (CoordinatorLock lock = CoordinatorLock.tryAcquire(project).orElseThrow()) {
      assertEquals(ProcessHandle.current().pid(), lock.info().pid());
    }
  }

  @Test
  void lockOfEndedProcessIsFree() throws Exception {
    Process holder = startLockHolder();
    readLockedPid(holder);

    holder.getOutputStream().close();
    assertTrue(holder.waitFor(10, TimeUnit.SECONDS));

    assertEquals(0, holder.exitValue());
    assertTrue(CoordinatorLock.holder(project).isEmpty());
    assertTrue(CoordinatorLock.staleRecord(project).isEmpty());
  }

  private Process startLockHolder() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            LockHolderMain.class.getName(),
            project.toString())
        .redirectError(temp.resolve("holder-stderr.txt").toFile())
        .start();
  }

  private long readLockedPid(Process holder) throws IOException {
    BufferedReader reader = new BufferedReader(
        new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    // The helper's log lines share its standard output, so skip to the marker line.
    String line = reader.readLine();
    while (line != null && !line.startsWith("LOCKED ")) {
      line = reader.readLine();
    }
    assertNotNull(line, () -> "Lock holder ended without locking: " + readStderr());
    return Long.parseLong(line.substring("LOCKED ".length()).trim());
  }

  private String readStderr() {
    try {
      return Files.readString(temp.resolve("holder-stderr.txt"));
    } catch (IOException e) {
      return "(no stderr: " + e.getMessage() + ")";
    }
  }
}
