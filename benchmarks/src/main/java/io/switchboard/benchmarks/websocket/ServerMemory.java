package io.switchboard.benchmarks.websocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM's memory, read from outside: its Java heap in use right after two full collections
 * ({@code jcmd GC.run}, then {@code GC.heap_info}), and its resident set ({@code VmRSS}).
 */
record ServerMemory(long heapBytes, long rssBytes) {

  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  static ServerMemory of(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run");
    Matcher heap = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    if (!heap.find()) {
      throw new IllegalStateException("no heap figure in jcmd " + pid + " GC.heap_info");
    }
    Matcher rss = RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
    if (!rss.find()) {
      throw new IllegalStateException("no VmRSS for process " + pid);
    }
    return new ServerMemory(Long.parseLong(heap.group(1)) * 1024, Long.parseLong(rss.group(1)) * 1024);
  }

  /** Growth from {@code before} to this, per session, in KiB: heap, and resident set. */
  double[] perSessionKib(ServerMemory before, int sessions) {
    return new double[] {
        (heapBytes - before.heapBytes) / 1024.0 / sessions, (rssBytes - before.rssBytes) / 1024.0 / sessions};
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
        Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
    }
    return output;
  }
}
