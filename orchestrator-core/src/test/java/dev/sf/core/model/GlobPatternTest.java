package dev.sf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobPatternTest {

  @Test
  void starStaysInFolder() {
    GlobPattern glob = GlobPattern.compile("src/*.js");

    assertTrue(glob.matches("src/a.js"));
    assertFalse(glob.matches("src/lib/a.js"));
    assertEquals("src/", glob.prefix());
  }

  @Test
  void doubleStarCrossesFolders() {
    GlobPattern glob = GlobPattern.compile("src/**/*.java");

    assertTrue(glob.matches("src/A.java"));
    assertTrue(glob.matches("src/a/b/C.java"));
    assertFalse(glob.matches("test/A.java"));
  }

  @Test
  void bracesClassesAndQuestionMark() {
    GlobPattern glob = GlobPattern.compile("{src,lib}/[ab]?.txt");

    assertTrue(glob.matches("lib/a1.txt"));
    assertFalse(glob.matches("lib/c1.txt"));
    assertEquals("", glob.prefix());
  }

  @Test
  void literalCoversFolderContent() {
    GlobPattern glob = GlobPattern.compile("./docs/");

    assertEquals("docs/**", glob.text());
    assertTrue(glob.matches("docs/a/b.md"));
    assertTrue(GlobPattern.compile("docs").matches("docs/a.md"));
    assertFalse(GlobPattern.compile("docs").matches("docs.md"));
  }

  @Test
  void dotsAreLiteral() {
    assertFalse(GlobPattern.compile("*.md").matches("aXmd"));
  }
}
