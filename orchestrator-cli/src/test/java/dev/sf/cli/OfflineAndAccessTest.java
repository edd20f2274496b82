package dev.sf.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sf.core.runtime.ProcessTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detached run in a project whose path is long and contains spaces and non-ASCII letters:
 * control from another user is refused, and once the coordinator is gone, pause, resume and stop
 * still reach the workers it left running.
 */
class OfflineAndAccessTest {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final List<String> IDS = List.of("M001", "M002");
  private static final Pattern COORDINATOR_PID = Pattern.compile("\\(pid (\\d+)\\)");

  /** Connects to a Unix socket and sends a status request; exit 3 when the connect fails. */
  private static final String PEER_CLIENT = """
      import java.net.StandardProtocolFamily;
      import java.net.UnixDomainSocketAddress;
      import java.nio.ByteBuffer;
      import java.nio.channels.SocketChannel;
      import java.nio.charset.StandardCharsets;

      public class PeerClient {
        public static void main(String[] args) throws Exception {
          try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(args[0]));
            channel.write(ByteBuffer.wrap("{\\"command\\":\\"status\\"}\\n"
                .getBytes(StandardCharsets.UTF_8)));
            ByteBuffer reply = ByteBuffer.allocate(65536);
            int read = channel.read(reply);
            System.out.println("connected, read " + read + " bytes");
          } catch (java.io.IOException e) {
            System.out.println("refused: " + e);
            System.exit(3);
          }
        }
      }
      """;

  @TempDir
  Path temp;

  private TestProject project;
  private Long coordinator;
  private Path peerFolder;

  @AfterEach
  void endLeftovers() throws IOException {
    if (coordinator != null) {
      ProcessHandle.of(coordinator).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (project != null) {
      project.killWorkerGroups(IDS);
    }
    if (peerFolder != null) {
      Files.deleteIfExists(peerFolder.resolve("PeerClient.java"));
      Files.deleteIfExists(peerFolder);
    }
  }

  @Test
  void controlsWorkersInLongUnicodePath() throws Exception {
    Path root = temp;
    for (int i = 1; i <= 4; i++) {
      root = root.resolve("Prüfung Ω Projektordner mit sehr langem Namen Nummer " + i);
    }
    assertTrue(root.toString().length() > 200, root.toString());
    project = TestProject.create(root, temp.resolve("gates"), "manual", IDS);
    CliProcess sf = new CliProcess(temp.resolve("home"))
        .env("SF_TEST_GATES", project.gates.toString());
    String repo = project.root.toString();

    CliProcess.Result started = sf.run("-C", repo, "parallel", "start", "--yes", "--detach");
    assertEquals(0, started.exitCode(), started.show());
    Matcher pid = COORDINATOR_PID.matcher(started.out());
    assertTrue(pid.find(), started.show());
    coordinator = Long.parseLong(pid.group(1));
    for (String id : IDS) {
      await().atMost(LONG).until(() -> project.workerAlive(id));
    }

    CliProcess.Result live = sf.run("-C", repo, "parallel", "status");
    assertEquals(0, live.exitCode(), live.show());
    assertTrue(live.out().matches("(?s).*\nM001 +Milestone M001 +running .*"), live.show());
    assertFalse(live.out().contains("no coordinator is running"), live.show());

    assertOtherUserRefused();

    // The coordinator dies; its workers, in sessions of their own, keep running.
    new ProcessBuilder("kill", "-KILL", String.valueOf(coordinator)).start().waitFor();
    await().atMost(LONG).until(() -> ProcessHandle.of(coordinator)
        .map(handle -> !handle.isAlive()).orElse(true));
    assertTrue(project.workerAlive("M001"));

    CliProcess.Result offline = sf.run("-C", repo, "parallel", "status");
    assertEquals(0, offline.exitCode(), offline.show());
    assertTrue(offline.out().contains("no coordinator is running"), offline.show());
    CliProcess.Result queue = sf.run("-C", repo, "queue");
    assertEquals(0, queue.exitCode(), queue.show());
    assertTrue(queue.out().matches("(?s).*\nM002 +Milestone M002 .*"), queue.show());

    CliProcess.Result pause = sf.run("-C", repo, "parallel", "pause", "M001");
    assertEquals(0, pause.exitCode(), pause.show());
    assertTrue(pause.out().contains("Paused M001 (no coordinator was running)."), pause.show());
    long worker = project.workerPid("M001").getAsLong();
    await().atMost(LONG).until(() -> ProcessTable.allStopped(worker));

    CliProcess.Result resume = sf.run("-C", repo, "parallel", "resume", "M001");
    assertEquals(0, resume.exitCode(), resume.show());
    await().atMost(LONG).until(() -> ProcessTable.noneStopped(worker));

    CliProcess.Result stop = sf.run("-C", repo, "parallel", "stop");
    assertEquals(0, stop.exitCode(), stop.show());
    assertTrue(stop.out().contains("Stopped M001, M002"), stop.show());
    for (String id : IDS) {
      await().atMost(LONG).until(() -> !project.workerAlive(id));
    }

    CliProcess.Result nothing = sf.run("-C", repo, "parallel", "stop");
    assertEquals(0, nothing.exitCode(), nothing.show());
    assertTrue(nothing.out().contains("Nothing is running"), nothing.show());
  }

  /** Checks the socket's modes and, where setpriv exists, connects to it as user nobody. */
  private void assertOtherUserRefused() throws Exception {
    Path record = project.root.resolve(".sf/parallel/coordinator.json");
    Path socket = Path.of(new ObjectMapper().readTree(record.toFile()).get("socket").asText());
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      System.out.println("setpriv is missing: checked only the socket modes");
      return;
    }
    peerFolder = Files.createTempDirectory(Path.of("/tmp"), "sf-peer");
    Files.setPosixFilePermissions(peerFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path client = peerFolder.resolve("PeerClient.java");
    Files.writeString(client, PEER_CLIENT);
    Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rw-r--r--"));
    Process peer = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
        "--clear-groups", CliProcess.JAVA, client.toString(), socket.toString())
        .directory(peerFolder.toFile()).redirectErrorStream(true).start();
    String out = new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = peer.waitFor();

    assertNotEquals(0, exit, out);
    assertTrue(out.contains("refused:"), out);
    assertTrue(project.workerAlive("M001"));
    assertNotEquals("T", TestProject.processState(project.workerPid("M001").getAsLong()));
  }
}
