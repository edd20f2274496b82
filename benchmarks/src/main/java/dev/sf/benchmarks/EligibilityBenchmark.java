package dev.sf.benchmarks;

import dev.sf.core.model.EligibilityAnalyzer;
import dev.sf.core.model.EligibilityReport;
import dev.sf.core.model.Milestone;
import dev.sf.core.model.MilestoneFacts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Times {@link EligibilityAnalyzer#analyze} on a large project: by default 10,000 milestones in a
 * random dependency DAG (seeded, up to 3 dependencies on earlier milestones each), 100 planned
 * files each and a repository of 20,000 files in one module folder per milestone. Each milestone
 * plans a glob over its own module, 5 existing files picked at random from the whole repository
 * and 94 new files, so that about 2 open milestones share each picked file. A quarter of the
 * milestones are merged, a tenth are running with 20 changed files each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EligibilityBenchmark {

  /** How many milestones the project has. */
  @Param("10000")
  public int milestoneCount;

  /** How many files the repository tracks. */
  @Param("20000")
  public int repositoryFileCount;

  private List<Milestone> milestones;
  private MilestoneFacts facts;

  /** Builds the project once per trial, from a fixed seed. */
  @Setup
  public void createProject() {
    Random random = new Random(20_260_301L);
    int modules = Math.max(1, milestoneCount);
    List<String> repository = new ArrayList<>(repositoryFileCount);
    for (int i = 0; i < repositoryFileCount; i++) {
      repository.add("modules/m" + (i % modules) + "/src/File" + i + ".java");
    }
    milestones = new ArrayList<>(milestoneCount);
    Set<String> merged = new HashSet<>();
    Map<String, String> states = new HashMap<>();
    Map<String, Set<String>> changed = new HashMap<>();
    for (int i = 0; i < milestoneCount; i++) {
      String id = String.format("M%05d", i);
      milestones.add(milestone(id, i, modules, repository, random));
      int kind = random.nextInt(20);
      if (kind < 5) {
        merged.add(id);
      } else if (kind < 7) {
        states.put(id, "running");
        Set<String> files = new LinkedHashSet<>();
        for (int f = 0; f < 20; f++) {
          files.add(repository.get(random.nextInt(repository.size())));
        }
        changed.put(id, files);
      }
    }
    facts = new Facts(merged, states, changed, repository);
  }

  private static Milestone milestone(
      String id, int index, int modules, List<String> repository, Random random) {
    List<String> dependsOn = new ArrayList<>();
    for (int d = random.nextInt(4); d > 0 && index > 0; d--) {
      String dependency = String.format("M%05d", random.nextInt(index));
      if (!dependsOn.contains(dependency)) {
        dependsOn.add(dependency);
      }
    }
    List<String> files = new ArrayList<>(100);
    files.add("modules/m" + (index % modules) + "/**");
    for (int f = 0; f < 5; f++) {
      files.add(repository.get(random.nextInt(repository.size())));
    }
    for (int f = 0; f < 94; f++) {
      files.add("modules/new" + index + "/New" + f + ".java");
    }
    return new Milestone(id, id, dependsOn, files, List.of(), Map.of(), "",
        Path.of(".sf/milestones", id, "MILESTONE.md"));
  }

  /** Analyses the whole project. */
  @Benchmark
  public EligibilityReport analyze() {
    return EligibilityAnalyzer.analyze(milestones, facts);
  }

  /** Facts held in plain collections. */
  private record Facts(
      Set<String> merged,
      Map<String, String> states,
      Map<String, Set<String>> changed,
      List<String> repository)
      implements MilestoneFacts {

    @Override
    public boolean isMergedComplete(String id) {
      return merged.contains(id);
    }

    @Override
    public Optional<String> runState(String id) {
      return Optional.ofNullable(states.get(id));
    }

    @Override
    public Set<String> changedFiles(String id) {
      return changed.getOrDefault(id, Set.of());
    }

    @Override
    public List<String> repositoryFiles() {
      return repository;
    }
  }
}
