package io.switchboard.gateway.sip;

import io.switchboard.schemas.avro.SipNumber;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A dialed number as the admin API shows it: its digits, its queue and the trunk it is bound to. */
record SipNumberView(String number, String queue, String trunkId, Map<String, String> attributes, Instant updatedAt) {

  static SipNumberView of(SipNumber number) {
    return new SipNumberView(number.getNumber(), number.getQueue(), number.getTrunkId(),
        new TreeMap<>(number.getAttributes()), number.getOccurredAt());
  }
}
