package dev.sf.core.git;

import java.io.IOException;
import java.io.FilterOutputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheCheckout.CheckoutMetadata;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.CoreConfig.SymLinks;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.RawParseUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates the project root's index and files from one tree to another, touching only the paths
 * whose entries differ between the two trees, where JGit's {@code DirCacheCheckout} walks and
 * compares the whole working tree twice.
 *
 * <p>{@link #plan} runs with the index locked and finds every path in the way: a changed path
 * whose index entry differs from the old tree or whose file differs from the index, and an
 * untracked file or folder where the new tree puts something. {@link #apply} then deletes the
 * removed files and the folders they leave empty, and writes each changed file. It edits only
 * those index entries, with the stat data of the written files so that a later {@code git
 * status} finds them clean. Content goes through the same end-of-line conversion and smudge
 * filters as a JGit checkout.
 *
 * <p>Git (2.39) deletes every file it updates and creates it again. Here a changed file that
 * stays a non-executable regular file is overwritten in place from its first byte instead, and
 * then cut to its new length. That needs a regular file on disk with no other hard link, which
 * does not start like an ELF file or a zip archive. A new path with nothing on disk is created
 * directly. Every other file is written to a new file with its mode and renamed into place. So
 * a hard link, a script a shell is running, and a program or library a process has mapped are
 * never written through. A process that has another file open while it is rewritten in place
 * reads the new bytes from then on, where git leaves it the old file.
 */
final class RootUpdate {
  private static final Logger LOG = LoggerFactory.getLogger(RootUpdate.class);

  private static final FileAttribute<Set<PosixFilePermission>> REGULAR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"));
  private static final FileAttribute<Set<PosixFilePermission>> EXECUTABLE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx"));
  private static final Set<OpenOption> IN_PLACE =
      Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  /**
   * The first bytes of files that programs map into memory while they run: ELF executables and
   * shared libraries, and zip archives such as jars. Writing such a file in place changes the
   * code of a program that has it mapped, and cutting it short kills that program (SIGBUS).
   */
  private static final List<byte[]> MAPPED_FORMATS = List.of(
      new byte[] {0x7f, 'E', 'L', 'F'}, new byte[] {'P', 'K', 3, 4});
  private static final int FORMAT_PREFIX_LENGTH = 4;
  private static final Set<OpenOption> NEW_FILE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final String TEMPORARY_SUFFIX = ".sf-merge.tmp";
  private static final Duration WRITER_WAIT = Duration.ofMinutes(1);
  private static final byte[] TEMPORARY_SUFFIX_BYTES =
      TEMPORARY_SUFFIX.getBytes(StandardCharsets.US_ASCII);
  /** Mask of the file type bits in a {@code st_mode} value, {@code S_IFMT}. */
  private static final int FILE_TYPE_BITS = 0170000;
  /** File type bits of a regular file, {@code S_IFREG}. */
  private static final int REGULAR_FILE_TYPE = 0100000;

  /**
   * Maximum number of threads that write files. With the writes in place, four wrote the 500
   * files of {@code MergeBenchmark} about 1.3 times as fast as one (apply in 51-54 ms against
   * 68-71 ms) on a 2-core Firecracker VM with ext4. Other machines may prefer another number.
   */
  private static final int WRITER_THREADS = 4;
  private static final int FILES_PER_THREAD = 32;

  /** One path whose entry differs between the old and the new tree; a null mode is absent. */
  private record Change(String path, FileMode oldMode, FileMode newMode, ObjectId newId,
      CheckoutMetadata metadata) {

    boolean removed() {
      return newMode == null;
    }
  }

  private final Repository repo;
  private final Path root;
  private final DirCache index;
  private final List<Change> changes;
  private final List<String> modified;
  private final List<String> untracked;
  private final List<String> leftovers;

  private RootUpdate(Repository repo, Path root, DirCache index, List<Change> changes,
      List<String> modified, List<String> untracked, List<String> leftovers) {
    this.repo = repo;
    this.root = root;
    this.index = index;
    this.changes = changes;
    this.modified = modified;
    this.untracked = untracked;
    this.leftovers = leftovers;
  }

  /**
   * Compares the two trees, and the changed paths with the locked {@code index} and the files
   * in {@code root}. Also finds the temporary files that a killed merge left for changed paths,
   * in the folders that the walk reads anyway. Writes nothing.
   */
  static RootUpdate plan(Repository repo, Path root, DirCache index, ObjectId oldTree,
      ObjectId newTree) throws IOException {
    List<Change> changes = new ArrayList<>();
    Set<String> modified = new TreeSet<>();
    Set<String> untracked = new TreeSet<>();
    Set<String> temporaryFiles = new HashSet<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.setOperationType(TreeWalk.OperationType.CHECKOUT_OP);
      walk.addTree(oldTree);
      walk.addTree(newTree);
      int indexTree = walk.addTree(new DirCacheIterator(index));
      FileTreeIterator files = new FileTreeIterator(repo);
      files.setDirCacheIterator(walk, indexTree);
      walk.addTree(files);
      walk.setRecursive(true);
      walk.setFilter(new OldNewDiffer());
      while (walk.next()) {
        String path = walk.getPathString();
        FileMode oldMode = mode(walk, 0);
        FileMode newMode = mode(walk, 1);
        DirCacheIterator entry = walk.getTree(2, DirCacheIterator.class);
        WorkingTreeIterator file = walk.getTree(3, WorkingTreeIterator.class);
        if (walk.getRawMode(0) == walk.getRawMode(1) && walk.idEqual(0, 1)) {
          // An unchanged path named like a temporary file, which OldNewDiffer also selects.
          if (oldMode == null && entry == null) {
            temporaryFiles.add(path);
          }
          continue;
        }
        if (oldMode == null) {
          if (entry != null) {
            modified.add(path);
          } else if (file != null) {
            untracked.add(path);
          }
        } else if (!matchesOld(walk, entry) || file == null
            || file.isModified(entry.getDirCacheEntry(), true, walk.getObjectReader())) {
          modified.add(path);
        }
        CheckoutMetadata metadata = newMode == null ? null : new CheckoutMetadata(
            walk.getCheckoutEolStreamType(1),
            walk.getFilterCommand(Constants.ATTR_FILTER_TYPE_SMUDGE));
        changes.add(new Change(path, oldMode, newMode,
            newMode == null ? null : walk.getObjectId(1), metadata));
      }
    }
    untracked.addAll(new Obstacles(root, changes).find());
    untracked.removeAll(modified);
    return new RootUpdate(repo, root, index, changes, List.copyOf(modified),
        List.copyOf(untracked), leftovers(temporaryFiles, changes));
  }

  /** Returns those of the {@code temporaryFiles} that belong to a changed path. */
  private static List<String> leftovers(Set<String> temporaryFiles, List<Change> changes) {
    if (temporaryFiles.isEmpty()) {
      return List.of();
    }
    List<String> leftovers = new ArrayList<>();
    for (Change change : changes) {
      String path = change.path();
      int slash = path.lastIndexOf('/');
      String temporary = path.substring(0, slash + 1) + temporaryName(path.substring(slash + 1));
      if (temporaryFiles.contains(temporary)) {
        leftovers.add(temporary);
      }
    }
    return leftovers;
  }

  /** Returns the changed tracked paths whose index entry or file differs from the old tree. */
  List<String> modified() {
    return modified;
  }

  /** Returns the untracked files and folders that the new tree would overwrite. */
  List<String> untracked() {
    return untracked;
  }

  /**
   * Writes the new tree's version of every changed path into the root and the index, then
   * writes and commits the index, which releases its lock. Call only when {@link #modified()}
   * and {@link #untracked()} are empty.
   */
  void apply() throws IOException {
    for (String leftover : leftovers) {
      Files.deleteIfExists(root.resolve(leftover));
    }
    DirCacheEditor editor = index.editor();
    Set<Path> emptied = new HashSet<>();
    for (Change change : changes) {
      if (change.removed()) {
        Path file = root.resolve(change.path());
        Files.deleteIfExists(file);
        emptied.add(file.getParent());
        editor.add(new DirCacheEditor.DeletePath(change.path()));
      }
    }
    removeEmptyFolders(emptied);
    List<Change> writes = changes.stream().filter(change -> !change.removed()).toList();
    createFolders(writes);
    for (DirCacheEditor.PathEdit edit : writeAll(writes)) {
      editor.add(edit);
    }
    editor.finish();
    index.write();
    if (!index.commit()) {
      throw new IOException("Could not replace the index file '" + repo.getIndexFile()
          + "' with the updated one");
    }
  }

  /**
   * Writes the files in slices on a few threads: writing a file mostly waits on the file
   * system, and those waits overlap. Returns the index edits in the order of {@code writes}.
   */
  private List<DirCacheEditor.PathEdit> writeAll(List<Change> writes) throws IOException {
    WorkingTreeOptions options = repo.getConfig().get(WorkingTreeOptions.KEY);
    int threads = Math.min(WRITER_THREADS, 1 + writes.size() / FILES_PER_THREAD);
    if (threads == 1) {
      return writeSlice(writes, options);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "sf-merge-writer");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<List<DirCacheEditor.PathEdit>>> slices = new ArrayList<>();
      int size = (writes.size() + threads - 1) / threads;
      for (int from = 0; from < writes.size(); from += size) {
        List<Change> slice = writes.subList(from, Math.min(writes.size(), from + size));
        slices.add(pool.submit(() -> writeSlice(slice, options)));
      }
      List<DirCacheEditor.PathEdit> edits = new ArrayList<>();
      for (Future<List<DirCacheEditor.PathEdit>> slice : slices) {
        edits.addAll(slice.get());
      }
      return edits;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while writing the merged files");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("Writing the merged files failed: " + e.getCause(), e.getCause());
    } finally {
      finishWriters(pool);
    }
  }

  /**
   * Waits for the writer threads to end, so that none writes in the root after the caller has
   * released the index lock. A failed slice lets the others finish their files rather than
   * interrupting them, which would close their channels in the middle of a write.
   */
  private static void finishWriters(ExecutorService pool) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(WRITER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Merge writer threads still run after {}; interrupting them", WRITER_WAIT);
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private List<DirCacheEditor.PathEdit> writeSlice(List<Change> slice,
      WorkingTreeOptions options) throws IOException {
    List<DirCacheEditor.PathEdit> edits = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      for (Change change : slice) {
        edits.add(write(change, reader, options));
      }
    }
    return edits;
  }

  /**
   * Creates the folders of the written paths once, before the writer threads start, instead of
   * asking for each file's folder on every write.
   */
  private void createFolders(List<Change> writes) throws IOException {
    Set<Path> folders = new HashSet<>();
    for (Change change : writes) {
      Path folder = root.resolve(change.path()).getParent();
      if (folders.add(folder) && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(folder);
      }
    }
  }

  private DirCacheEditor.PathEdit write(Change change, ObjectReader reader,
      WorkingTreeOptions options) throws IOException {
    Path file = root.resolve(change.path());
    FileMode mode = change.newMode();
    // The plan found the old tree's file or link at a path the old tree had, so only a new path
    // can be a folder, left empty by the removals above.
    boolean wasFile = change.oldMode() != null && change.oldMode() != FileMode.GITLINK;
    if (mode == FileMode.GITLINK || mode == FileMode.SYMLINK
        || (!wasFile && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))) {
      // A folder that the removals above left empty, or a path that is not written as content.
      Files.deleteIfExists(file);
    }
    if (mode == FileMode.GITLINK) {
      Files.createDirectories(file);
    } else if (mode == FileMode.SYMLINK && options.getSymLinks() != SymLinks.FALSE) {
      byte[] target = reader.open(change.newId(), Constants.OBJ_BLOB).getCachedBytes();
      repo.getFS().createSymLink(file.toFile(), RawParseUtils.decode(target));
    } else {
      writeContent(change, file, mode, reader, options);
    }
    BasicFileAttributes written =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new DirCacheEditor.PathEdit(change.path()) {
      @Override
      public void apply(DirCacheEntry entry) {
        entry.setFileMode(mode);
        entry.setObjectId(change.newId());
        if (mode == FileMode.GITLINK) {
          return;
        }
        entry.setLastModified(written.lastModifiedTime().toInstant());
        entry.setLength(written.size());
      }
    };
  }

  /**
   * Writes the content with as few new files as possible, because creating a file, with its
   * inode and directory entry, costs more than rewriting one. A file that stays a non-executable
   * regular file is overwritten in place, keeping its permission bits, and a new path is
   * created directly. The rest goes through {@link #replace}. A process killed in the middle
   * can leave a temporary file next to the target. The target then has its old content, its new
   * content, or a prefix of its new content, maybe followed by the rest of its old content. The
   * interrupted-merge recovery accepts each.
   */
  private void writeContent(Change change, Path file, FileMode mode, ObjectReader reader,
      WorkingTreeOptions options) throws IOException {
    FileAttribute<?> permissions = mode == FileMode.EXECUTABLE_FILE ? EXECUTABLE : REGULAR;
    SeekableByteChannel channel = null;
    if (staysRegularFile(change) && isSingleLinkedRegularFile(file)) {
      channel = openInPlace(file);
    } else if (change.oldMode() == null) {
      channel = createIfMissing(file, permissions);
    }
    if (channel == null) {
      replace(change, file, permissions, reader, options);
      return;
    }
    try (SeekableByteChannel open = channel) {
      writeBlob(change, reader, options, new KeepOpen(Channels.newOutputStream(open)));
      // Only a file whose old content was longer than its new content is cut. Ext4 flushes a
      // file that was truncated to size 0 at its close (its auto_da_alloc option), so truncating
      // every file on open cost more than all of the writes.
      if (open.size() > open.position()) {
        open.truncate(open.position());
      }
    }
  }

  /**
   * An output stream whose {@code close} only flushes, so that the channel below stays open
   * for the truncation after {@code DirCacheCheckout.getContent}, which closes its stream.
   */
  private static final class KeepOpen extends FilterOutputStream {

    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static boolean staysRegularFile(Change change) {
    return change.oldMode() == FileMode.REGULAR_FILE && change.newMode() == FileMode.REGULAR_FILE;
  }

  /**
   * Returns true when {@code file} itself, not a link's target, is a regular file with no other
   * hard link, so that writing it changes no other path.
   */
  private static boolean isSingleLinkedRegularFile(Path file) throws IOException {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(file, "unix:mode,nlink", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    }
    int type = (Integer) attributes.get("mode") & FILE_TYPE_BITS;
    return type == REGULAR_FILE_TYPE && (Integer) attributes.get("nlink") == 1;
  }

  /**
   * Opens {@code file} for writing from its start, or returns null when it must be replaced
   * instead. That is the case for a file that starts like one of {@link #MAPPED_FORMATS}, and
   * for a file that cannot be opened for reading and writing, such as one without write
   * permission. Executable files never come here, because a shell reads a running script as it
   * goes, and Linux refuses to open a running program for writing (ETXTBSY, "Text file busy").
   */
  private static SeekableByteChannel openInPlace(Path file) {
    SeekableByteChannel channel;
    try {
      channel = Files.newByteChannel(file, IN_PLACE);
    } catch (IOException e) {
      LOG.debug("Could not open '{}' for writing in place, so it is replaced instead: {}", file,
          e.toString());
      return null;
    }
    try {
      if (startsLikeMappedFormat(channel)) {
        channel.close();
        return null;
      }
      channel.position(0);
      return channel;
    } catch (IOException e) {
      LOG.debug("Could not read the start of '{}', so it is replaced instead: {}", file,
          e.toString());
      closeQuietly(channel, file);
      return null;
    }
  }

  private static boolean startsLikeMappedFormat(SeekableByteChannel channel) throws IOException {
    ByteBuffer start = ByteBuffer.allocate(FORMAT_PREFIX_LENGTH);
    int read = 0;
    while (start.hasRemaining() && read >= 0) {
      read = channel.read(start);
    }
    if (start.hasRemaining()) {
      return false;
    }
    return MAPPED_FORMATS.stream().anyMatch(format -> Arrays.equals(format, start.array()));
  }

  private static void closeQuietly(SeekableByteChannel channel, Path file) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("Could not close '{}' after a failed read", file, e);
    }
  }

  /** Creates {@code file} with {@code permissions}, or returns null when something is there. */
  private static SeekableByteChannel createIfMissing(Path file, FileAttribute<?> permissions)
      throws IOException {
    try {
      return Files.newByteChannel(file, NEW_FILE, permissions);
    } catch (FileAlreadyExistsException e) {
      return null;
    }
  }

  /**
   * Writes the content into a new file next to the target and renames it over the target. A
   * process killed in the middle thus leaves the target with its old or its new content, and
   * maybe the temporary file. The rename also replaces a hard link or a running executable
   * instead of writing through it.
   */
  private void replace(Change change, Path file, FileAttribute<?> permissions,
      ObjectReader reader, WorkingTreeOptions options) throws IOException {
    Path temporary = temporaryFor(file);
    try {
      try (OutputStream out = Channels.newOutputStream(createNew(temporary, permissions))) {
        writeBlob(change, reader, options, out);
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  /** Writes the new blob through the end-of-line conversion and smudge filter of its path. */
  private void writeBlob(Change change, ObjectReader reader, WorkingTreeOptions options,
      OutputStream out) throws IOException {
    DirCacheCheckout.getContent(repo, change.path(), change.metadata(),
        reader.open(change.newId(), Constants.OBJ_BLOB), options, out);
  }

  /** Returns the file that {@code file}'s merged content is written to before the rename. */
  static Path temporaryFor(Path file) {
    return file.resolveSibling(temporaryName(file.getFileName().toString()));
  }

  private static String temporaryName(String fileName) {
    return "." + fileName + TEMPORARY_SUFFIX;
  }

  /**
   * Creates {@code temporary} as a new file, first deleting one that a killed merge left
   * behind. Trying the creation first saves a look-up per file in the usual case.
   */
  private static SeekableByteChannel createNew(Path temporary, FileAttribute<?> permissions)
      throws IOException {
    try {
      return Files.newByteChannel(temporary, NEW_FILE, permissions);
    } catch (FileAlreadyExistsException e) {
      Files.delete(temporary);
      return Files.newByteChannel(temporary, NEW_FILE, permissions);
    }
  }

  /** Deletes the given folders when empty, and then their parents, up to the root. */
  private void removeEmptyFolders(Set<Path> folders) throws IOException {
    List<Path> deepestFirst = new ArrayList<>(folders);
    deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    Set<Path> tried = new HashSet<>();
    for (Path folder : deepestFirst) {
      Path current = folder;
      while (current != null && current.startsWith(root) && !current.equals(root)
          && tried.add(current)) {
        try {
          Files.delete(current);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
          break;
        }
        current = current.getParent();
      }
    }
  }

  private static FileMode mode(TreeWalk walk, int tree) {
    int raw = walk.getRawMode(tree);
    return raw == 0 ? null : FileMode.fromBits(raw);
  }

  private static boolean matchesOld(TreeWalk walk, DirCacheIterator entry) {
    return entry != null && entry.getDirCacheEntry().getStage() == DirCacheEntry.STAGE_0
        && walk.getRawMode(0) == walk.getRawMode(2) && walk.idEqual(0, 2);
  }

  /**
   * Selects the paths, and the folders containing them, that differ between trees 0 and 1, and
   * the files in those folders whose name ends like a temporary file of {@link #replace}.
   */
  private static final class OldNewDiffer extends TreeFilter {

    @Override
    public boolean include(TreeWalk walk) {
      return walk.getRawMode(0) != walk.getRawMode(1) || !walk.idEqual(0, 1)
          || (!walk.isSubtree() && walk.isPathSuffix(TEMPORARY_SUFFIX_BYTES,
              TEMPORARY_SUFFIX_BYTES.length));
    }

    @Override
    public boolean shouldBeRecursive() {
      return false;
    }

    @Override
    public TreeFilter clone() {
      return this;
    }
  }

  /**
   * Finds untracked files on disk that would block writing a changed path although the tree
   * walk does not pair them with it. One kind is a file or symbolic link where the new tree
   * needs a folder. The other is a file left in a folder where the new tree needs a file.
   */
  private static final class Obstacles {

    private final Path root;
    private final List<Change> changes;
    private final Set<String> removed = new HashSet<>();
    private final Map<String, Boolean> folderOrMissing = new HashMap<>();

    Obstacles(Path root, List<Change> changes) {
      this.root = root;
      this.changes = changes;
      for (Change change : changes) {
        if (change.oldMode() != null) {
          removed.add(change.path());
        }
      }
    }

    List<String> find() throws IOException {
      Set<String> found = new TreeSet<>();
      for (Change change : changes) {
        if (change.removed()) {
          continue;
        }
        String path = change.path();
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
          String parent = path.substring(0, slash);
          if (!removed.contains(parent) && !folderOrMissing(parent)) {
            found.add(parent);
          }
        }
        Path file = root.resolve(path);
        if (change.oldMode() != null) {
          continue;
        }
        // Checked here as well as in the tree walk, which does not enter ignored folders.
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          found.addAll(filesLeftIn(file));
        } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          found.add(path);
        }
      }
      return List.copyOf(found);
    }

    private boolean folderOrMissing(String path) {
      return folderOrMissing.computeIfAbsent(path, p -> {
        Path file = root.resolve(p);
        return Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
            || !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
      });
    }

    private List<String> filesLeftIn(Path folder) throws IOException {
      List<String> left = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(folder)) {
        for (Path path : (Iterable<Path>) walk::iterator) {
          String relative = root.relativize(path).toString();
          if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
              && !removed.contains(relative)) {
            left.add(relative);
          }
        }
      }
      return left;
    }
  }
}
