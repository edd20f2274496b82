package dev.sf.benchmarks;

/** A main that prints one word, to time JVM start-up alone. */
public final class TrivialMain {

  private TrivialMain() {}

  /**
   * Prints {@code started}.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("started");
  }
}
