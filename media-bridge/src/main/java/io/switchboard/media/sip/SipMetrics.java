package io.switchboard.media.sip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/** Counts SIP requests received, responses sent, and the input refused ({@link SipInputErrors}). */
final class SipMetrics {

  /** Methods counted by name; anything else is "OTHER", so a peer cannot blow up the tag space. */
  private static final Set<String> KNOWN_METHODS =
      Set.of(
          "ACK", "BYE", "CANCEL", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK",
          "PUBLISH", "REFER", "REGISTER", "SUBSCRIBE", "UPDATE");

  private final MeterRegistry registry;

  SipMetrics(MeterRegistry registry) {
    this.registry = registry;
    SipInputErrors.register(registry);
  }

  void requestReceived(String method) {
    String tag = KNOWN_METHODS.contains(method) ? method : "OTHER";
    Counter.builder("switchboard.sip.requests")
        .description("SIP requests received, by method")
        .tag("method", tag)
        .register(registry)
        .increment();
  }

  void responseSent(int status) {
    Counter.builder("switchboard.sip.responses")
        .description("SIP responses sent by the bridge, by status code")
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }
}
