package dev.sf.core.git;

import dev.sf.errors.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a merge into the checked-out integration branch recoverable when the process dies
 * between moving the branch and updating the project's index and files. A journal in {@code
 * .git/sf-merge-journal} names the branch, its old head and the merge commit while that window
 * is open. A later process that finds the journal with the branch at the merge commit finishes
 * updating the files the merge changed. It does so only when each file still has its old
 * content, its merged content, or what a write killed in the middle leaves. That is a prefix of
 * the merged content, maybe followed by the rest of the old content. Otherwise it changes
 * nothing and names the file to check.
 */
final class InterruptedMerge {
  private static final Logger LOG = LoggerFactory.getLogger(InterruptedMerge.class);
  private static final String JOURNAL = "sf-merge-journal";

  private InterruptedMerge() {}

  static void begin(Repository repo, String branch, ObjectId oldHead, ObjectId commit)
      throws IOException {
    Path journal = journal(repo);
    Files.writeString(journal, branch + "\n" + oldHead.name() + "\n" + commit.name() + "\n");
  }

  static void end(Repository repo) {
    try {
      Files.deleteIfExists(journal(repo));
    } catch (IOException e) {
      LOG.warn("Could not delete {}", journal(repo), e);
    }
  }

  /**
   * Finishes a merge whose files were not updated, or forgets one whose branch never moved.
   *
   * @return a description of what was done, or empty when there was no journal
   */
  static Optional<String> finish(Repository repo, Path root) {
    Path journal = journal(repo);
    if (!Files.isRegularFile(journal)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
      String branch = lines.get(0);
      String oldHead = lines.get(1);
      String commit = lines.get(2);
      ObjectId head = repo.resolve(Constants.R_HEADS + branch);
      if (head == null || !head.name().equals(commit)) {
        end(repo);
        return Optional.of("an interrupted merge into '" + branch + "' had not moved it; nothing"
            + " to finish");
      }
      List<String> changed = GitCli.splitNul(GitCli.runOrThrow(root, "diff", "--name-only",
          "-z", oldHead, commit).stdout()).stream().filter(p -> !p.isEmpty()).toList();
      List<String> present = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      for (String path : changed) {
        if (!holdsOldOrNew(root, path, oldHead, commit)) {
          throw new GitException("A merge into '" + branch + "' was interrupted and '" + path
              + "' in '" + root + "' now holds neither its old nor its merged content. Check it,"
              + " then run 'git checkout " + branch + " -- " + path + "' or commit it yourself.");
        }
        if (exists(root, commit, path)) {
          present.add(path);
        } else {
          removed.add(path);
        }
      }
      if (!present.isEmpty()) {
        List<String> args = new ArrayList<>(List.of("checkout", commit, "--"));
        args.addAll(present);
        GitCli.runOrThrow(root, args.toArray(String[]::new));
      }
      for (String path : removed) {
        GitCli.runOrThrow(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", path);
        Files.deleteIfExists(root.resolve(path));
      }
      for (String path : changed) {
        // A merge killed while replacing a file leaves its temporary file next to it.
        Files.deleteIfExists(RootUpdate.temporaryFor(root.resolve(path)));
      }
      end(repo);
      LOG.warn("Finished updating {} files of a merge into '{}' ({}) that was interrupted",
          changed.size(), branch, commit);
      return Optional.of("finished updating " + changed.size() + " files of an interrupted"
          + " merge into '" + branch + "'");
    } catch (IOException | RuntimeException e) {
      if (e instanceof GitException git) {
        throw git;
      }
      throw new GitException("Could not finish an interrupted merge recorded in " + journal
          + ": " + e.getMessage() + ". Run 'git status' in '" + root + "'.", e);
    }
  }

  private static boolean holdsOldOrNew(Path root, String path, String oldHead, String commit)
      throws IOException {
    Path file = root.resolve(path);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return !exists(root, oldHead, path) || !exists(root, commit, path);
    }
    String current = GitCli.runOrThrow(root, "hash-object", "--", path).out().strip();
    return current.equals(blob(root, oldHead, path)) || current.equals(blob(root, commit, path))
        || isPartlyWritten(root, file, path, oldHead, commit);
  }

  /**
   * Returns true when {@code file} is a regular file as a merge killed while overwriting it in
   * place leaves it. Its bytes are then a prefix, maybe empty, of the content that checking out
   * {@code path} from {@code commit} writes, followed either by nothing or by the rest of the
   * content checked out from {@code oldHead}, at the same offsets. Content means the bytes after
   * smudge filters and end-of-line conversion. Replacing such a file loses nothing, because every
   * byte in it comes from one of the two commits.
   */
  private static boolean isPartlyWritten(Path root, Path file, String path, String oldHead,
      String commit) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    byte[] merged = checkedOut(root, commit, path);
    if (merged == null) {
      return false;
    }
    byte[] current = Files.readAllBytes(file);
    int common = Arrays.mismatch(current, merged);
    if (common < 0 || common == current.length) {
      return true;
    }
    byte[] old = checkedOut(root, oldHead, path);
    return old != null && current.length == old.length
        && Arrays.equals(current, common, current.length, old, common, old.length);
  }

  /**
   * Returns the content that checking out {@code path} from {@code commit} writes, or null when
   * the commit has no file there. {@code git cat-file --filters} would also print a submodule's
   * commit object, so the entry's type is checked first.
   */
  private static byte[] checkedOut(Path root, String commit, String path) {
    GitCli.Result type = GitCli.run(root, "cat-file", "-t", commit + ":" + path);
    if (!type.ok() || !type.out().strip().equals(Constants.TYPE_BLOB)) {
      return null;
    }
    return GitCli.runOrThrow(root, "cat-file", "--filters", commit + ":" + path).stdout();
  }

  private static boolean exists(Path root, String commit, String path) {
    return !blob(root, commit, path).isEmpty();
  }

  private static String blob(Path root, String commit, String path) {
    GitCli.Result result = GitCli.run(root, "rev-parse", "--verify", "-q", commit + ":" + path);
    return result.ok() ? result.out().strip() : "";
  }

  private static Path journal(Repository repo) {
    return repo.getDirectory().toPath().resolve(JOURNAL);
  }
}
