package dev.sf.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a table was measured on: cores, CPU model, memory, Java, load at the start. */
final class Machine {

  private Machine() {}

  /** Returns one line per fact, ready to print above the table. */
  static List<String> describe() {
    return List.of(
        "cores (nproc): " + Runtime.getRuntime().availableProcessors(),
        "CPU: " + procField("/proc/cpuinfo", "model name"),
        "memory: " + procField("/proc/meminfo", "MemTotal"),
        "Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        "load average at start: " + loadAverage());
  }

  private static String procField(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
      return "unknown (no '" + key + "' in " + file + ")";
    } catch (IOException e) {
      return "unknown (" + file + " cannot be read: " + e.getMessage() + ")";
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
