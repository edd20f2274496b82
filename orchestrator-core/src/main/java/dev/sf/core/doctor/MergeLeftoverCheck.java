package dev.sf.core.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds merge state in the project root's git folder ({@code MERGE_HEAD}, {@code MERGE_MSG},
 * {@code MERGE_MODE}, {@code SQUASH_MSG}). sf computes its merges in memory and never writes
 * these files, so they belong to a merge the user or git started, which may be deliberate (a
 * {@code git merge --no-commit}). The finding says how to finish or cancel it. The repair
 * forgets that state and keeps the index and files as they are, and runs only when forced. A
 * merge that still has conflicts is left to the user.
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
    String unmerged = GitCommand.runOrThrow(root, "diff", "--name-only", "--diff-filter=U");
    if (!unmerged.isBlank()) {
      doctor.manual(Check.MERGE_LEFTOVER, subject, "The project root has merge state left"
          + " over: " + subject + " in " + gitDir + ". A merge with conflicts is in progress ("
          + String.join(", ", unmerged.strip().lines().toList()) + ").",
          "finish it with 'git commit' after resolving the files, or run 'git merge --abort'");
      return;
    }
    String message = "The project root is in the middle of a git merge or squash: " + subject
        + " in " + gitDir + ". sf merges in memory and never writes these files, so they belong"
        + " to a git merge started outside sf. The next commit in the project root finishes"
        + " that merge.";
    doctor.repairable(Check.MERGE_LEFTOVER, subject, message, "delete " + subject
        + " (like 'git merge --quit'), keeping the index and the files as they are", true,
        advice(present), () -> {
          for (String name : present) {
            Files.deleteIfExists(gitDir.resolve(name));
          }
        });
  }

  /** Returns the git commands that finish or cancel what the files belong to. */
  private static String advice(List<String> present) {
    if (present.contains("MERGE_HEAD")) {
      return "Finish the merge with 'git merge --continue' (or 'git commit'), or cancel it with"
          + " 'git merge --abort'.";
    }
    if (present.contains("SQUASH_MSG")) {
      return "Commit the squashed changes with 'git commit', or undo them with 'git reset"
          + " --merge'.";
    }
    return "The next 'git commit' in the project root offers MERGE_MSG as its message. Delete"
        + " the file yourself if you do not want that.";
  }
}
