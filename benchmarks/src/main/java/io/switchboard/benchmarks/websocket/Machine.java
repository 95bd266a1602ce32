package io.switchboard.benchmarks.websocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the run shares the machine with. */
final class Machine {

  private Machine() {}

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} has them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String describe() {
    long memory = Runtime.getRuntime().maxMemory();
    String total;
    try {
      total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
    } catch (IOException e) {
      total = "memory unknown";
    }
    return Runtime.getRuntime().availableProcessors() + " cores, " + total + ", Java "
        + System.getProperty("java.vm.version") + " (client JVM max heap " + memory / (1024 * 1024) + " MiB)";
  }
}
