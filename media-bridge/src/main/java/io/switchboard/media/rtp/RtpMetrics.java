package io.switchboard.media.rtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The relay's meters, registered once: counters on the packet path are looked up in arrays, never by name. */
final class RtpMetrics {

  private final MeterRegistry registry;
  /** By side of arrival, then RTP (0) or RTCP (1). */
  private final Counter[][] packets = new Counter[2][2];
  private final Counter[][] bytes = new Counter[2][2];
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
  private final Counter latched;
  private final Counter moved;
  private final Counter exhausted;

  RtpMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Side side : Side.values()) {
      for (int kind = 0; kind < 2; kind++) {
        String kindTag = kind == 0 ? "rtp" : "rtcp";
        packets[side.ordinal()][kind] = Counter.builder("switchboard.media.rtp.packets")
            .description("Packets relayed, by direction (leg A to B or B to A) and kind")
            .tag("direction", side.direction()).tag("kind", kindTag).register(registry);
        bytes[side.ordinal()][kind] = Counter.builder("switchboard.media.rtp.bytes")
            .description("UDP payload bytes relayed, by direction and kind").baseUnit("bytes")
            .tag("direction", side.direction()).tag("kind", kindTag).register(registry);
      }
    }
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason, Counter.builder("switchboard.media.rtp.dropped")
          .description("Packets received and not relayed, by reason").tag("reason", reason.tag()).register(registry));
    }
    latched = latchCounter("latched");
    moved = latchCounter("moved");
    exhausted = Counter.builder("switchboard.media.rtp.ports.exhausted")
        .description("Legs refused because no port pair was free").register(registry);
  }

  private Counter latchCounter(String outcome) {
    return Counter.builder("switchboard.media.rtp.latches")
        .description("Symmetric RTP: a leg latched onto its first source, or moved to a new one")
        .tag("outcome", outcome).register(registry);
  }

  void gauges(Supplier<Number> sessions, Supplier<Number> portsInUse) {
    Gauge.builder("switchboard.media.rtp.sessions", sessions).description("Relay sessions open").register(registry);
    Gauge.builder("switchboard.media.rtp.ports.in.use", portsInUse)
        .description("UDP ports bound by relay legs (RTP and RTCP)").register(registry);
  }

  void relayed(Side from, boolean rtcp, int length) {
    packets[from.ordinal()][rtcp ? 1 : 0].increment();
    bytes[from.ordinal()][rtcp ? 1 : 0].increment(length);
  }

  void dropped(DropReason reason) {
    dropped.get(reason).increment();
  }

  void latch(SymmetricLatch.Outcome outcome) {
    (outcome == SymmetricLatch.Outcome.LATCHED ? latched : moved).increment();
  }

  void exhausted() {
    exhausted.increment();
  }

  void ended(String reason) {
    Counter.builder("switchboard.media.rtp.sessions.ended").description("Sessions the relay ended, by reason")
        .tag("reason", reason).register(registry).increment();
  }
}
