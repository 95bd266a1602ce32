package io.switchboard.benchmarks.websocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM's memory, read from outside: its live Java heap (the total of
 * {@code jcmd GC.class_histogram}, which counts the objects left by a full collection it makes
 * itself: one command, so what the server allocates meanwhile is not counted), and its resident set
 * ({@code VmRSS}).
 */
record ServerMemory(long heapBytes, long rssBytes) {

  private static final Pattern LIVE_HEAP = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  static ServerMemory of(long pid) throws IOException, InterruptedException {
    Matcher heap = LIVE_HEAP.matcher(jcmd(pid, "GC.class_histogram"));
    if (!heap.find()) {
      throw new IllegalStateException("no total in jcmd " + pid + " GC.class_histogram");
    }
    Matcher rss = RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
    if (!rss.find()) {
      throw new IllegalStateException("no VmRSS for process " + pid);
    }
    return new ServerMemory(Long.parseLong(heap.group(1)), Long.parseLong(rss.group(1)) * 1024);
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
