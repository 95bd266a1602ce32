package io.switchboard.media.sip.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The B2BUA's calls: started, answered, refused by status, and active now. */
final class B2buaMetrics {

  private final MeterRegistry registry;
  private final Counter started;
  private final Counter answered;
  private final AtomicInteger active = new AtomicInteger();

  B2buaMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.started = Counter.builder("switchboard.sip.calls.started")
        .description("SIP calls taken into a queue").register(registry);
    this.answered = Counter.builder("switchboard.sip.calls.answered")
        .description("SIP calls bridged to an agent's phone").register(registry);
    Gauge.builder("switchboard.sip.calls.active", active, AtomicInteger::get)
        .description("SIP calls the bridge holds now").register(registry);
  }

  void callStarted() {
    started.increment();
    active.incrementAndGet();
  }

  void callAnswered() {
    answered.increment();
  }

  void callEnded() {
    active.decrementAndGet();
  }

  void refused(int status) {
    Counter.builder("switchboard.sip.calls.refused")
        .description("INVITEs refused before a call began, by status")
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }
}
