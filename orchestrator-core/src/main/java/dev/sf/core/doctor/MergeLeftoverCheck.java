package dev.sf.core.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds merge state left in the project root's git folder ({@code MERGE_HEAD}, {@code
 * MERGE_MSG}, {@code SQUASH_MSG}), which makes the next commit in the project root a merge
 * commit nobody meant. The repair forgets that state and keeps the index and files as they are;
 * a merge that still has conflicts is left to the user.
 */
final class MergeLeftoverCheck {
  private static final List<String> FILES = List.of("MERGE_HEAD", "MERGE_MSG", "MERGE_MODE",
      "SQUASH_MSG");

  private final Doctor doctor;

  MergeLeftoverCheck(Doctor doctor) {
    this.doctor = doctor;
  }

  void run() {
    Path root = doctor.session().root();
    Path gitDir = root.resolve(GitCommand.runOrThrow(root, "rev-parse", "--git-dir").strip())
        .normalize();
    List<String> present = new ArrayList<>();
    for (String name : FILES) {
      if (Files.exists(gitDir.resolve(name))) {
        present.add(name);
      }
    }
    if (present.isEmpty()) {
      return;
    }
    String subject = String.join(", ", present);
    String message = "The project root has merge state left over: " + subject + " in "
        + gitDir + ".";
    String unmerged = GitCommand.runOrThrow(root, "diff", "--name-only", "--diff-filter=U");
    if (!unmerged.isBlank()) {
      doctor.manual(Check.MERGE_LEFTOVER, subject, message + " A merge with conflicts is in"
          + " progress (" + String.join(", ", unmerged.strip().lines().toList()) + ").",
          "finish it with 'git commit' after resolving the files, or run 'git merge --abort'");
      return;
    }
    doctor.repairable(Check.MERGE_LEFTOVER, subject, message, "delete " + subject
        + " (like 'git merge --quit'); the index and the files stay as they are", false, () -> {
          for (String name : present) {
            Files.deleteIfExists(gitDir.resolve(name));
          }
        });
  }
}
