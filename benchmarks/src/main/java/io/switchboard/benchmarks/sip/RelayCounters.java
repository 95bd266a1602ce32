package io.switchboard.benchmarks.sip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's own meters, one CSV line every half second, so the script can take differences over
 * each SIPp run: {@code epoch ms, RTP relayed A→B (customer to agent), RTP relayed B→A, packets
 * dropped, calls started, calls answered, calls active, relay sessions}. The iptables counters of
 * the harness count the queue's ringback toward the customer too; the relayed B→A figure does not.
 */
final class RelayCounters implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RelayCounters.class);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "bench-relay-counters");
    thread.setDaemon(true);
    return thread;
  });
  private final MeterRegistry meters;
  private final BufferedWriter out;

  RelayCounters(MeterRegistry meters, Path file) throws IOException {
    this.meters = meters;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write("epoch_ms,rtp_a_to_b,rtp_b_to_a,dropped,calls_started,calls_answered,calls_active,sessions\n");
    timer.scheduleAtFixedRate(this::snapshot, 0, 500, TimeUnit.MILLISECONDS);
  }

  private void snapshot() {
    try {
      double dropped = meters.find("switchboard.media.rtp.dropped").counters().stream()
          .mapToDouble(Counter::count).sum();
      out.write(System.currentTimeMillis() + "," + (long) relayed("a-to-b") + "," + (long) relayed("b-to-a") + ","
          + (long) dropped + "," + (long) count("switchboard.sip.calls.started") + ","
          + (long) count("switchboard.sip.calls.answered") + "," + (long) gauge("switchboard.sip.calls.active") + ","
          + (long) gauge("switchboard.media.rtp.sessions") + "\n");
      out.flush();
    } catch (IOException | RuntimeException e) {
      log.warn("Relay counters not written: {}", e.getMessage());
    }
  }

  private double relayed(String direction) {
    Counter counter = meters.find("switchboard.media.rtp.packets").tag("direction", direction).tag("kind", "rtp")
        .counter();
    return counter == null ? 0 : counter.count();
  }

  private double count(String name) {
    Counter counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  private double gauge(String name) {
    Gauge gauge = meters.find(name).gauge();
    return gauge == null ? 0 : gauge.value();
  }

  @Override
  public void close() throws IOException {
    timer.shutdownNow();
    out.close();
  }
}
