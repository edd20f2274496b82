package dev.sf.core.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds project folders whose paths are long and contain spaces and non-ASCII letters. */
final class LongProjectPaths {
  private LongProjectPaths() {}

  /** Creates a project folder of more than 200 characters under {@code base}. */
  static Path create(Path base) throws IOException {
    Path project = base;
    for (int i = 1; i <= 4; i++) {
      project = project.resolve("Prüfung Ω Projektordner mit sehr langem Namen Nummer " + i);
    }
    Files.createDirectories(project);
    if (project.toString().length() <= 200) {
      throw new IllegalStateException("Test project path is too short: " + project);
    }
    return project;
  }
}
