package io.switchboard.media.sip.registrar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The registrar's counters, next to the dispatcher's count of responses by status: why REGISTERs
 * were challenged or refused, and failed digest answers. Reasons are a fixed set named in code.
 */
final class RegistrarMetrics {

  private final MeterRegistry registry;

  RegistrarMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void challenged(String reason) {
    count("switchboard.sip.registrar.challenges", "REGISTERs answered 401, by reason", reason);
  }

  void refused(String reason) {
    count("switchboard.sip.registrar.refusals", "REGISTERs answered 4xx other than 401, by reason", reason);
  }

  void authFailed(String reason) {
    count("switchboard.sip.registrar.auth.failures", "Failed digest answers (wrong password, unknown user)", reason);
  }

  private void count(String name, String description, String reason) {
    Counter.builder(name).description(description).tag("reason", reason).register(registry).increment();
  }
}
