package dev.sf.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The JSON written by {@code --json}: snake_case keys, ISO-8601 instants, decimals as numbers,
 * and a {@code schema_version} in each document so that scripts can rely on the layout.
 */
final class CliJson {
  static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .addModule(new SimpleModule("sf-cli")
          .addSerializer(Instant.class, ToStringSerializer.instance)
          .addSerializer(Path.class, ToStringSerializer.instance))
      .build();

  private CliJson() {}

  /** Renders {@code value} as a JSON object with {@code schema_version} and a {@code kind}. */
  static String document(String kind, Object value) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema_version", SCHEMA_VERSION);
    node.put("kind", kind);
    node.setAll((ObjectNode) MAPPER.valueToTree(value));
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render " + kind + " as JSON", e);
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
