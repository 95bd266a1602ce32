package io.switchboard.benchmarks.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PushStampTest {

  @Test
  void readsBackTheStampItsCallIdCarries() {
    PushStamp stamp = new PushStamp('m', 41_999, 123_456_789_012L);

    assertThat(stamp.callId()).isEqualTo("m-41999-123456789012");
    assertThat(PushStamp.parse(stamp.callId())).isEqualTo(stamp);
  }

  @Test
  void findsTheStampInTheGatewaysIncomingCallFrame() {
    String frame = "{\"type\":\"call:incoming\",\"data\":{\"callId\":\"w-7-99\",\"queue\":\"support\","
        + "\"reservationId\":\"res-w-7-99\",\"expiresAt\":\"2026-12-02T01:49:30Z\",\"callback\":false}}";

    assertThat(PushStamp.find(frame)).isEqualTo(new PushStamp('w', 7, 99));
  }

  @Test
  void framesAndIdsOfOtherKindsCarryNoStamp() {
    assertThat(PushStamp.find("{\"type\":\"auth:refreshed\",\"data\":{\"expiresAt\":\"…\"}}")).isNull();
    assertThat(PushStamp.find("{\"type\":\"call:ended\",\"data\":{\"callId\":\"3f2a-uuid\"}}")).isNull();
    assertThat(PushStamp.parse("call-1")).isNull();
    assertThat(PushStamp.parse("m-x-1")).isNull();
    assertThat(PushStamp.parse("mm-1-2")).isNull();
  }
}
