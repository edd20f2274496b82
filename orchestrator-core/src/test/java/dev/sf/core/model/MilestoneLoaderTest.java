package dev.sf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.errors.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MilestoneLoaderTest {

  @TempDir Path project;

  private Path write(String id, String text) throws IOException {
    Path file = project.resolve(".sf/milestones/" + id + "/MILESTONE.md");
    Files.createDirectories(file.getParent());
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private List<Milestone> load() {
    return new MilestoneLoader().load(project);
  }

  @Test
  void returnsEmptyListWithoutFolder() throws IOException {
    assertTrue(load().isEmpty());

    Files.createDirectories(project.resolve(".sf/milestones"));

    assertTrue(load().isEmpty());
  }

  @Test
  void readsFrontMatterAndPlan() throws IOException {
    Path file = write("M002", String.join("\n",
        "---",
        "title: Payment API",
        "depends_on: [M001]",
        "files: [\"src/payments/**\"]",
        "slices:",
        "  - {id: S01, title: Data model}",
        "  - {id: S02}",
        "worker:",
        "  preset: codex",
        "  stop_grace_seconds: 5",
        "  env: {A: 1}",
        "---",
        "# Plan",
        "Build it.",
        ""));
    write("M001", "just a plan\n");

    List<Milestone> milestones = load();

    Milestone payments = milestones.get(1);
    assertEquals("M002", payments.id());
    assertEquals("Payment API", payments.title());
    assertEquals(List.of("M001"), payments.dependsOn());
    assertEquals(List.of("src/payments/**"), payments.files());
    assertEquals(
        List.of(new Milestone.Slice("S01", "Data model"), new Milestone.Slice("S02", "S02")),
        payments.slices());
    assertEquals(
        Map.of("preset", "codex", "stop_grace_seconds", 5, "env", Map.of("A", "1")),
        payments.workerOverrides());
    assertEquals("# Plan\nBuild it.\n", payments.plan());
    assertEquals(file, payments.file());
  }

  @Test
  void treatsFileWithoutFrontMatterAsPlan() throws IOException {
    write("M001", "# Setup\n\n---\nnot front matter\n");

    Milestone milestone = load().get(0);

    assertEquals("M001", milestone.title());
    assertEquals("# Setup\n\n---\nnot front matter\n", milestone.plan());
    assertTrue(milestone.dependsOn().isEmpty());
  }

  @Test
  void acceptsEmptyFileAndEmptyFrontMatter() throws IOException {
    write("M001", "");
    write("M002", "---\n---\nplan\n");

    List<Milestone> milestones = load();

    assertEquals("", milestones.get(0).plan());
    assertEquals("M002", milestones.get(1).title());
    assertEquals("plan\n", milestones.get(1).plan());
  }

  @Test
  void acceptsBomAndCrlf() throws IOException {
    write("M001", "\uFEFF---\r\ntitle: Setup\r\ndependsOn: M000\r\n---\r\nplan\r\n");
    write("M000", "\uFEFF");

    Milestone milestone = load().get(1);

    assertEquals("Setup", milestone.title());
    assertEquals(List.of("M000"), milestone.dependsOn());
    assertEquals("plan\r\n", milestone.plan());
  }

  @Test
  void ordersByDependenciesThenId() throws IOException {
    write("M005", "plan");
    write("M003", "---\ndepends_on: [M004]\n---\n");
    write("M004", "plan");
    write("M001", "---\ndepends_on: [M005, M003]\n---\n");
    write("M002", "plan");

    List<String> ids = load().stream().map(Milestone::id).toList();

    assertEquals(List.of("M002", "M004", "M003", "M005", "M001"), ids);
  }

  @Test
  void collectsProblemsOfAllFiles() throws IOException {
    write("M001", "---\ntitle: [x]\n---\n");
    write("M002", "---\ndepends_on: [M001, M404]\n---\n");
    Files.createDirectories(project.resolve(".sf/milestones/bad id"));

    ConfigException error = assertThrows(ConfigException.class, this::load);

    assertEquals(3, error.problems().size(), error.getMessage());
    assertFalse(error.getMessage().contains("\"M001\", which does not exist"));
  }

  @Test
  void reportsCycleBesideOtherProblems() throws IOException {
    write("M001", "---\ndepends_on: [M002]\n---\n");
    write("M002", "---\ndepends_on: [M001]\nslices:\n  - {id: S1}\n  - {id: S1}\n---\n");

    ConfigException error = assertThrows(ConfigException.class, this::load);

    assertEquals(2, error.problems().size(), error.getMessage());
    assertTrue(error.problems().get(0).message().contains("M001 → M002 → M001"));
    assertEquals(5, error.problems().get(1).line());
  }

  @Test
  void suggestsIdThatDiffersInCase() throws IOException {
    write("M001", "plan");
    write("M002", "---\ndepends_on: [m001]\n---\n");

    ConfigException error = assertThrows(ConfigException.class, this::load);

    assertTrue(error.getMessage().contains("the id is spelt \"M001\""), error.getMessage());
  }

  @Test
  void ignoresFilesBesideFolders() throws IOException {
    write("M001", "plan");
    Files.writeString(project.resolve(".sf/milestones/README.md"), "notes");

    assertEquals(1, load().size());
  }
}
