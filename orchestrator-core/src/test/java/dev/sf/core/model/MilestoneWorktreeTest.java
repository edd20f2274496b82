package dev.sf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.errors.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code worktree} override in a milestone's front matter. */
class MilestoneWorktreeTest {
  private static final Preferences.WorktreeSettings DEFAULTS =
      new Preferences.WorktreeSettings(List.of(".env"), List.of("npm", "ci"), 600);

  @TempDir Path project;

  private Milestone load(String frontMatter) throws IOException {
    Path file = project.resolve(".sf/milestones/M001/MILESTONE.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "---\ntitle: One\n" + frontMatter + "---\nPlan.\n");
    return new MilestoneLoader().load(project).get(0);
  }

  @Test
  void overrideReplacesOnlyGivenKeys() throws IOException {
    Milestone milestone = load("worktree:\n  copy: [\"config/local/**\"]\n"
        + "  setup_timeout_seconds: 30\n");

    Preferences.WorktreeSettings settings = milestone.worktreeSettings(DEFAULTS);

    assertEquals(List.of("config/local/**"), settings.copy());
    assertEquals(List.of("npm", "ci"), settings.setup());
    assertEquals(30, settings.setupTimeoutSeconds());
  }

  @Test
  void missingOverrideKeepsPreferences() throws IOException {
    Milestone milestone = load("");

    assertEquals(DEFAULTS, milestone.worktreeSettings(DEFAULTS));
  }

  @Test
  void emptySetupOverrideDisablesSetup() throws IOException {
    Milestone milestone = load("worktree:\n  setup: []\n");

    assertEquals(List.of(), milestone.worktreeSettings(DEFAULTS).setup());
  }

  @Test
  void invalidOverrideNamesFileLineAndKey() throws IOException {
    ConfigException error = assertThrows(ConfigException.class, () -> load(
        "worktree:\n  setup: \"npm ci\"\n  setup_timeout_seconds: 0\n  cpy: [\".env\"]\n"));

    List<ConfigException.Problem> problems = error.problems();
    assertEquals(3, problems.size(), error.getMessage());
    // Problems are reported in file order.
    assertEquals(List.of("worktree.setup", "worktree.setup_timeout_seconds", "worktree.cpy"),
        problems.stream().map(p -> p.optionalKey().orElse("")).toList(), error.getMessage());
    assertEquals(List.of(4, 5, 6), problems.stream().map(ConfigException.Problem::line).toList());
    assertTrue(problems.get(2).message().contains("Did you mean \"worktree.copy\"?"),
        problems.get(2).message());
    assertTrue(problems.get(1).message().contains("from 1 to 86400"), problems.get(1).message());
  }
}
