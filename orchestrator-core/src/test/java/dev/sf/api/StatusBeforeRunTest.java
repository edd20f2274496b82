package dev.sf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status of a project that has never run: its budget comes from the preferences. */
class StatusBeforeRunTest {
  @TempDir
  Path temp;

  private static StatusSnapshot status(ProjectFixture fixture) {
    try (SfProject project = fixture.open()) {
      return project.status();
    }
  }

  @Test
  void showsConfiguredCeiling() {
    ProjectFixture fixture = ProjectFixture.create(temp, "  budget_ceiling: 5.00\n");
    fixture.milestone("M001", "").commitAll("Plan");

    StatusSnapshot status = status(fixture);

    assertNull(status.runId());
    assertEquals(0, new BigDecimal("5.00").compareTo(status.ceilingUsd()));
  }

  @Test
  void showsNoCeilingWhenNoneIsSet() {
    ProjectFixture fixture = ProjectFixture.create(temp, "");
    fixture.milestone("M001", "").commitAll("Plan");

    assertNull(status(fixture).ceilingUsd());
  }

  @Test
  void invalidPreferencesShowNoCeiling() {
    ProjectFixture fixture = ProjectFixture.create(temp, "  budget_ceiling: lots\n");
    fixture.milestone("M001", "").commitAll("Plan");

    assertNull(status(fixture).ceilingUsd());
  }
}
