package dev.sf.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The streaming reads and writes of control requests, responses and coordinator records. */
class ControlJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writesRequestAsTreeDid() {
    ControlRequest request = ControlRequest.stop("M001", true);
    ObjectNode tree = MAPPER.createObjectNode();
    tree.put("protocol", ControlRequest.PROTOCOL_VERSION);
    tree.put("command", "stop");
    tree.put("milestone", "M001");
    tree.put("force", true);

    assertEquals(tree.toString(), ControlJson.write(request));
    assertEquals("{\"protocol\":1,\"command\":\"status\",\"milestone\":null,\"force\":false}",
        ControlJson.write(ControlRequest.status()));
  }

  @Test
  void rawResponseKeepsDataText() throws Exception {
    ObjectNode data = MAPPER.createObjectNode();
    data.putArray("milestones").addObject().put("id", "M001").put("cost_usd", 0.25);
    String line = ControlJson.write(ControlResponse.success("fine", data));

    RawControlResponse raw = ControlJson.readRawResponse(line);

    assertTrue(raw.ok());
    assertEquals("fine", raw.message());
    assertEquals(0, raw.exitCode());
    assertEquals(data, MAPPER.readTree(raw.dataJson()));
  }

  @Test
  void rawResponseWithoutDataHasEmptyObject() throws Exception {
    RawControlResponse raw = ControlJson.readRawResponse(
        "{\"data\":[1],\"ok\":false,\"exit_code\":2,\"message\":null}");

    assertFalse(raw.ok());
    assertEquals(2, raw.exitCode());
    assertEquals("", raw.message());
    assertEquals("{}", raw.dataJson());
  }

  @Test
  void rawResponseRejectsMissingOk() {
    ControlJson.InvalidJsonException e = assertThrows(ControlJson.InvalidJsonException.class,
        () -> ControlJson.readRawResponse("{\"exit_code\":0}"));

    assertTrue(e.getMessage().startsWith("Response lacks a boolean \"ok\""), e.getMessage());
  }

  @Test
  void rawResponseRejectsInvalidJson() {
    ControlJson.InvalidJsonException e = assertThrows(ControlJson.InvalidJsonException.class,
        () -> ControlJson.readRawResponse("{\"ok\":tr"));

    assertTrue(e.getMessage().startsWith("Invalid JSON in response '{\"ok\":tr'"),
        e.getMessage());
  }

  @Test
  void rawResponseRejectsArray() {
    ControlJson.InvalidJsonException e = assertThrows(ControlJson.InvalidJsonException.class,
        () -> ControlJson.readRawResponse("[]"));

    assertEquals("The response must be one JSON object, got '[]'", e.getMessage());
  }

  @Test
  void readsRecordItWrote() throws Exception {
    CoordinatorInfo info = new CoordinatorInfo(123, Instant.parse("2026-01-01T00:00:00.5Z"),
        Instant.parse("2026-01-01T00:00:01Z"), Path.of("/tmp/s.sock"), null, Path.of("/p"));

    assertEquals(info, ControlJson.readInfo(ControlJson.write(info)));
  }

  @Test
  void recordWithoutStartTimeIsInvalid() {
    ControlJson.InvalidJsonException e = assertThrows(ControlJson.InvalidJsonException.class,
        () -> ControlJson.readInfo("{\"pid\":1,\"socket\":\"/s\",\"project\":\"/p\"}"));

    assertTrue(e.getMessage().startsWith("Coordinator record has an invalid field"),
        e.getMessage());
  }

  @Test
  void recordIgnoresNestedValuesAndNulls() throws Exception {
    CoordinatorInfo info = ControlJson.readInfo("{\"pid\":7,\"process_start\":null,"
        + "\"started_at\":\"2026-01-01T00:00:01Z\",\"socket\":\"/s\",\"project\":\"/p\","
        + "\"extra\":{\"pid\":9}}");

    assertEquals(7, info.pid());
    assertNull(info.processStart());
    assertNull(info.sfVersion());
  }
}
