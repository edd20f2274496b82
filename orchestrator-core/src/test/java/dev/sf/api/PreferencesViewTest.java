package dev.sf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker output format that {@code SfProject.preferences()} shows. */
class PreferencesViewTest {
  @TempDir
  Path temp;

  private static PreferenceValue value(ProjectFixture fixture, String key) {
    try (SfProject project = fixture.open()) {
      return project.preferences().stream().filter(v -> v.key().equals(key)).findFirst()
          .orElseThrow();
    }
  }

  private ProjectFixture project(String worker) throws Exception {
    ProjectFixture fixture = ProjectFixture.create(temp, "");
    Files.writeString(fixture.root.resolve(".sf/preferences.yaml"),
        "parallel:\n  enabled: true\nworker:\n" + worker);
    return fixture;
  }

  @Test
  void unsetOutputShowsPresetFormat() throws Exception {
    PreferenceValue output = value(project("  preset: claude-code\n"), "worker.output");

    assertEquals("claude-stream-json", output.value());
    assertEquals(PreferenceValue.Source.DEFAULT, output.source());
  }

  @Test
  void unsetPresetShowsDefaultPresetFormat() throws Exception {
    PreferenceValue output = value(project("  command: [\"sh\", \"w.sh\"]\n"), "worker.output");

    // The default preset is claude-code, whose format a custom command keeps.
    assertEquals("claude-stream-json", output.value());
  }

  @Test
  void sfEventsPresetShowsItsFormat() throws Exception {
    PreferenceValue output = value(project("  preset: sf-events\n"), "worker.output");

    assertEquals("sf-events", output.value());
  }

  @Test
  void setOutputWinsOverPreset() throws Exception {
    PreferenceValue output =
        value(project("  preset: claude-code\n  output: plain\n"), "worker.output");

    assertEquals("plain", output.value());
    assertEquals(PreferenceValue.Source.PROJECT_FILE, output.source());
  }
}
