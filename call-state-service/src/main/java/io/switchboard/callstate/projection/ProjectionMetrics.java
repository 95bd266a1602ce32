package io.switchboard.callstate.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The projection's counters; counted only once the batch they describe has committed. */
final class ProjectionMetrics {

  private final MeterRegistry registry;
  private final Counter projected;
  private final Counter illegalTransitions;
  private final Counter participantsOverLimit;

  ProjectionMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.projected = Counter.builder("switchboard.projection.events")
        .description("Events projected into the database for the first time")
        .register(registry);
    this.illegalTransitions = Counter.builder("switchboard.projection.illegal_transitions")
        .description("Call events the call state machine refused, counted once their call has ended")
        .register(registry);
    this.participantsOverLimit = Counter.builder("switchboard.projection.participants_over_limit")
        .description("Participants who joined a call that already had the gateway's limit of participants present")
        .register(registry);
  }

  void projected(int events) {
    projected.increment(events);
  }

  void illegalTransition() {
    illegalTransitions.increment();
  }

  void participantOverLimit() {
    participantsOverLimit.increment();
  }

  void dropped(String reason) {
    Counter.builder("switchboard.records.dropped")
        .description("Records skipped because they cannot be projected")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
