package io.switchboard.routing.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The {@code switchboard.records.dropped} counter: records skipped because they could not be used. */
final class DroppedRecords {

  static final String METRIC = "switchboard.records.dropped";

  private final MeterRegistry registry;

  DroppedRecords(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String reason, String topic) {
    Counter.builder(METRIC)
        .description("Records skipped because they could not be decoded or used")
        .tag("reason", reason)
        .tag("topic", topic)
        .register(registry)
        .increment();
  }
}
