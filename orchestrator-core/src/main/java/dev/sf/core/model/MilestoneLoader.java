package dev.sf.core.model;

import dev.sf.errors.ConfigException;
import dev.sf.errors.ConfigException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every milestone of a project from {@code .sf/milestones/<id>/MILESTONE.md}, checks each
 * file and the dependencies between them, and returns the milestones in dependency order. All
 * problems of all files are collected and thrown together as one {@link ConfigException}.
 */
public final class MilestoneLoader {
  private static final Logger LOG = LoggerFactory.getLogger(MilestoneLoader.class);

  /** Valid milestone and slice ids; ids become folder, path and branch names. */
  public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** The name of the milestone file inside its folder. */
  public static final String FILE_NAME = "MILESTONE.md";

  static final String ID_RULE =
      "Ids start with a letter or digit, continue with letters, digits, \"_\" or \"-\", and have"
          + " at most 64 characters.";

  private final Set<String> outputFormats;

  /** Creates a loader that accepts the built-in output formats in {@code worker.output}. */
  public MilestoneLoader() {
    this(WorkerSection.OUTPUT_FORMATS);
  }

  /**
   * Creates a loader that accepts the given output formats in {@code worker.output}, normally
   * {@link PreferencesLoader#outputFormats()}.
   */
  public MilestoneLoader(Collection<String> outputFormats) {
    this.outputFormats = Collections.unmodifiableSet(new LinkedHashSet<>(outputFormats));
  }

  /** Returns true when {@code id} is a valid milestone or slice id. */
  public static boolean isValidId(String id) {
    return id != null && ID_PATTERN.matcher(id).matches();
  }

  /** Returns the milestones folder of a project root. */
  public static Path milestonesFolder(Path projectRoot) {
    return projectRoot.resolve(".sf").resolve("milestones");
  }

  /**
   * Loads the milestones of a project.
   *
   * @param projectRoot the project root
   * @return the milestones in dependency order, ties broken by id; empty when {@code
   *     .sf/milestones} is missing or has no folders
   * @throws ConfigException with every problem found
   */
  public List<Milestone> load(Path projectRoot) {
    Path folder = milestonesFolder(projectRoot);
    List<Problem> problems = new ArrayList<>();
    List<MilestoneFile.Parsed> parsed = new ArrayList<>();
    Map<String, String> idsByLowerCase = new HashMap<>();
    Set<String> folderIds = new HashSet<>();
    for (Path child : folders(folder, problems)) {
      String id = child.getFileName().toString();
      folderIds.add(id);
      if (!isValidId(id)) {
        problems.add(
            new Problem(child, 0, 0, null,
                "Milestone folder name \"" + id + "\" is not a valid id. " + ID_RULE
                    + " Rename the folder."));
        continue;
      }
      String clash = idsByLowerCase.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
      if (clash != null) {
        problems.add(
            new Problem(child, 0, 0, null,
                "Milestone id \"" + id + "\" differs from \"" + clash + "\" only in case. Ids"
                    + " become folder and branch names, which clash on case-insensitive file"
                    + " systems. Rename one of the folders."));
        continue;
      }
      readMilestone(id, child.resolve(FILE_NAME), problems).ifPresent(parsed::add);
    }
    checkDependencies(parsed, folderIds, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(ProblemOrder.byFileAndLine(problems));
    }
    List<Milestone> milestones = new ArrayList<>();
    parsed.forEach(p -> milestones.add(p.milestone()));
    return MilestoneGraph.topologicalOrder(milestones);
  }

  private static List<Path> folders(Path folder, List<Problem> problems) {
    if (!Files.isDirectory(folder)) {
      LOG.debug("No milestones folder at {}", folder);
      return List.of();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      LOG.warn("Cannot list {}", folder, e);
      problems.add(
          new Problem(folder, 0, 0, null, "Cannot list the milestones folder: " + e
              + ". Check its permissions."));
      return List.of();
    }
  }

  private Optional<MilestoneFile.Parsed> readMilestone(
      String id, Path file, List<Problem> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(
          new Problem(file, 0, 0, null,
              "Milestone folder \"" + id + "\" has no " + FILE_NAME + ". Add the file, or remove"
                  + " the folder if it is not a milestone."));
      return Optional.empty();
    }
    return YamlText.readUtf8(file, problems)
        .flatMap(text -> MilestoneFile.parse(id, text, file, outputFormats, problems));
  }

  private static void checkDependencies(
      List<MilestoneFile.Parsed> parsed, Set<String> folderIds, List<Problem> problems) {
    Map<String, MilestoneFile.Parsed> byId = new HashMap<>();
    parsed.forEach(p -> byId.put(p.milestone().id(), p));
    Map<String, String> idsByLowerCase = new HashMap<>();
    folderIds.forEach(id -> idsByLowerCase.put(id.toLowerCase(Locale.ROOT), id));
    for (MilestoneFile.Parsed entry : parsed) {
      Milestone milestone = entry.milestone();
      for (String dependency : milestone.dependsOn()) {
        int line = entry.dependencyLines().getOrDefault(dependency, 0);
        if (dependency.equals(milestone.id())) {
          problems.add(
              new Problem(milestone.file(), line, 0, "depends_on",
                  "Milestone \"" + milestone.id() + "\" depends on itself. Remove \""
                      + dependency + "\" from depends_on."));
        } else if (!idsByLowerCase.containsKey(dependency.toLowerCase(Locale.ROOT))) {
          problems.add(
              new Problem(milestone.file(), line, 0, "depends_on",
                  "Milestone \"" + milestone.id() + "\" depends on \"" + dependency
                      + "\", which does not exist" + suggestion(dependency, folderIds)
                      + ". Fix depends_on in .sf/milestones/" + milestone.id() + "/" + FILE_NAME
                      + "."));
        } else if (!folderIds.contains(dependency)) {
          String actual = idsByLowerCase.get(dependency.toLowerCase(Locale.ROOT));
          problems.add(
              new Problem(milestone.file(), line, 0, "depends_on",
                  "Milestone \"" + milestone.id() + "\" depends on \"" + dependency
                      + "\", but the id is spelt \"" + actual + "\". Ids are case-sensitive;"
                      + " write \"" + actual + "\"."));
        }
      }
    }
    List<Milestone> milestones = new ArrayList<>();
    parsed.forEach(p -> milestones.add(p.milestone()));
    for (List<String> cycle : MilestoneGraph.cycles(milestones)) {
      MilestoneFile.Parsed first = byId.get(cycle.get(0));
      int line = first.dependencyLines().getOrDefault(cycle.get(1), 0);
      problems.add(
          new Problem(first.milestone().file(), line, 0, "depends_on",
              "Dependency cycle: " + String.join(" → ", cycle) + ". Remove one of these"
                  + " dependencies."));
    }
  }

  private static String suggestion(String dependency, Collection<String> ids) {
    return KeySuggestions.nearest(dependency, ids)
        .map(id -> " (did you mean \"" + id + "\"?)")
        .orElse("");
  }
}
