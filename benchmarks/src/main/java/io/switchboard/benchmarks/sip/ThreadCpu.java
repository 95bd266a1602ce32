package io.switchboard.benchmarks.sip;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the JVM's CPU goes, by thread: every 2 s one JSON line {@code {"t": epoch ms, "cpu":
 * {thread name: ns}}}, cumulative CPU time of the live Java threads grouped by name with ids and
 * numbers blanked out (the SIP stack's eight UDP threads are one group). Threads that ended drop
 * out; the process total minus these is the JVM's own threads (GC, JIT compilers), whose wall time
 * spent collecting ({@code "gc_ms"}) and compiling ({@code "jit_ms"}) each line also gives.
 */
final class ThreadCpu implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ThreadCpu.class);
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z])\\d+");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "bench-thread-cpu");
    thread.setDaemon(true);
    return thread;
  });
  private final BufferedWriter out;

  ThreadCpu(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    timer.scheduleAtFixedRate(this::snapshot, 0, 2, TimeUnit.SECONDS);
  }

  static String group(String threadName) {
    return NUMBER.matcher(UUID.matcher(threadName).replaceAll("*")).replaceAll("#");
  }

  private void snapshot() {
    try {
      Map<String, Long> byGroup = new TreeMap<>();
      long[] ids = threads.getAllThreadIds();
      ThreadInfo[] infos = threads.getThreadInfo(ids);
      for (int i = 0; i < ids.length; i++) {
        long nanos = threads.getThreadCpuTime(ids[i]);
        if (infos[i] != null && nanos > 0) {
          byGroup.merge(group(infos[i].getThreadName()), nanos, Long::sum);
        }
      }
      long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(ms -> ms > 0).sum();
      long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      StringBuilder line = new StringBuilder("{\"t\": ").append(System.currentTimeMillis())
          .append(", \"gc_ms\": ").append(gcMillis).append(", \"jit_ms\": ").append(jitMillis).append(", \"cpu\": {");
      String separator = "";
      for (Map.Entry<String, Long> entry : byGroup.entrySet()) {
        line.append(separator).append('"').append(entry.getKey().replace("\\", "\\\\").replace("\"", "'"))
            .append("\": ").append(entry.getValue());
        separator = ", ";
      }
      out.write(line.append("}}\n").toString());
      out.flush();
    } catch (IOException | RuntimeException e) {
      log.warn("Thread CPU not written: {}", e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    timer.shutdownNow();
    out.close();
  }
}
