package dev.sf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sf.core.model.Milestone;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;

/**
 * Checks, by reflection over the compiled classes, that the public API never names an internal
 * type ({@code dev.sf.core..}) or a Pekko type ({@code org.apache.pekko..}), except in {@link
 * SfPekko}, so that tools can use it without knowing either.
 */
class PublicApiTypesTest {
  private static final List<String> API_PACKAGES = List.of("dev.sf.api", "dev.sf.spi",
      "dev.sf.errors");

  @Test
  void publicApiExposesNoInternalOrPekkoType() throws Exception {
    List<Class<?>> types = publicTypes();

    Set<String> leaks = new TreeSet<>();
    for (Class<?> type : types) {
      leaks.addAll(leaks(type));
    }

    assertTrue(types.size() > 30, "only " + types.size() + " public types found: " + types);
    assertEquals(Set.of(), leaks);
  }

  @Test
  void sfPekkoIsTheOnlyTypeAllowedToNamePekko() throws Exception {
    assertTrue(publicTypes().contains(SfPekko.class));
    assertEquals(Set.of(), leaks(SfPekko.class));
    assertTrue(namesForbiddenType(SfPekko.class.getMethod("start", SfProject.class,
        ActorSystem.class, RunOptions.class).getGenericParameterTypes()[1]));
  }

  @Test
  void checkerReportsEveryKindOfLeak() {
    Set<String> leaks = leaks(Leaky.class);

    assertTrue(leaks.stream().anyMatch(l -> l.contains("field milestone")), leaks.toString());
    assertTrue(leaks.stream().anyMatch(l -> l.contains("method milestones")), leaks.toString());
    assertTrue(leaks.stream().anyMatch(l -> l.contains("constructor")), leaks.toString());
    assertTrue(leaks.stream().anyMatch(l -> l.contains("type parameter")), leaks.toString());
    assertTrue(leaks.stream().anyMatch(l -> l.contains("method system")), leaks.toString());
    assertTrue(leaks(LeakyRecord.class).stream().anyMatch(l -> l.contains("component")));
    assertTrue(leaks(LeakySubclass.class).stream().anyMatch(l -> l.contains("supertype")));
  }

  /** Every public type of the API packages, nested ones included, from the compiled classes. */
  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException,
      ClassNotFoundException {
    Path classes = Path.of(SfProject.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    List<Class<?>> types = new ArrayList<>();
    for (String name : API_PACKAGES) {
      Path folder = classes.resolve(name.replace('.', '/'));
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String simple = file.getFileName().toString().replace(".class", "");
          if (simple.equals("package-info")) {
            continue;
          }
          Class<?> type = Class.forName(name + "." + simple, false,
              PublicApiTypesTest.class.getClassLoader());
          if (isVisible(type)) {
            types.add(type);
          }
        }
      }
    }
    return types;
  }

  private static boolean isVisible(Class<?> type) {
    for (Class<?> at = type; at != null; at = at.getDeclaringClass()) {
      if (at.isAnonymousClass() || at.isLocalClass() || !Modifier.isPublic(at.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** Describes every place where {@code type}'s public surface names a forbidden type. */
  private static Set<String> leaks(Class<?> type) {
    if (type == SfPekko.class) {
      return Set.of();
    }
    Set<String> leaks = new TreeSet<>();
    String owner = type.getName();
    List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
    if (type.getGenericSuperclass() != null) {
      supertypes.add(type.getGenericSuperclass());
    }
    check(leaks, owner + " supertype", supertypes.toArray(Type[]::new));
    check(leaks, owner + " type parameter", type.getTypeParameters());
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        check(leaks, owner + " component " + component.getName(), component.getGenericType());
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (isExposed(field.getModifiers())) {
        check(leaks, owner + " field " + field.getName(), field.getGenericType());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (isExposed(constructor.getModifiers())) {
        checkExecutable(leaks, owner + " constructor", constructor);
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (isExposed(method.getModifiers()) && !method.isSynthetic()) {
        checkExecutable(leaks, owner + " method " + method.getName(), method);
        check(leaks, owner + " method " + method.getName(), method.getGenericReturnType());
      }
    }
    return leaks;
  }

  private static boolean isExposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void checkExecutable(Set<String> leaks, String where, Executable executable) {
    check(leaks, where, executable.getGenericParameterTypes());
    check(leaks, where, executable.getGenericExceptionTypes());
    check(leaks, where + " type parameter", executable.getTypeParameters());
  }

  private static void check(Set<String> leaks, String where, Type... types) {
    for (Type type : types) {
      if (namesForbiddenType(type)) {
        leaks.add(where + " names " + type.getTypeName());
      }
    }
  }

  private static boolean namesForbiddenType(Type type) {
    return namesForbiddenType(type, new HashSet<>());
  }

  private static boolean namesForbiddenType(Type type, Set<Type> seen) {
    if (!seen.add(type)) {
      return false;
    }
    if (type instanceof Class<?> raw) {
      Class<?> element = raw;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      String name = element.getName();
      return name.startsWith("dev.sf.core.") || name.startsWith("org.apache.pekko.");
    }
    if (type instanceof ParameterizedType parameterized) {
      return namesForbiddenType(parameterized.getRawType(), seen)
          || anyForbidden(parameterized.getActualTypeArguments(), seen);
    }
    if (type instanceof WildcardType wildcard) {
      return anyForbidden(wildcard.getUpperBounds(), seen)
          || anyForbidden(wildcard.getLowerBounds(), seen);
    }
    if (type instanceof GenericArrayType array) {
      return namesForbiddenType(array.getGenericComponentType(), seen);
    }
    if (type instanceof TypeVariable<?> variable) {
      return anyForbidden(variable.getBounds(), seen);
    }
    return false;
  }

  private static boolean anyForbidden(Type[] types, Set<Type> seen) {
    for (Type type : types) {
      if (namesForbiddenType(type, seen)) {
        return true;
      }
    }
    return false;
  }

  /** A type that leaks in every member kind the checker looks at. */
  public static class Leaky<T extends Milestone> {
    public Milestone milestone;

    public Leaky(List<? extends Milestone> milestones) {}

    public List<Milestone> milestones() {
      return List.of();
    }

    public ActorSystem<?> system() {
      return null;
    }
  }

  /** A record whose component is internal. */
  public record LeakyRecord(Milestone milestone) {}

  /** A type whose superclass is internal. */
  public static class LeakySubclass extends Leaky<Milestone> {
    public LeakySubclass() {
      super(List.of());
    }
  }
}
