package io.switchboard.routing.queue;

import io.switchboard.routing.store.StoreValueCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoreValueCodecTest {

  @Test
  void agentStateSurvivesTheRoundTrip() {
    AgentState agent = new AgentState("a1", List.of("sales", "support"), Map.of("english", 7, "french", 3), 2, true,
        false, 1_700_000_000_123L, List.of("c1"), List.of("c2"), 4, 120_000L, 1, 1_700_000_030_000L);
    AgentStateCodec codec = new AgentStateCodec();

    assertThat(codec.decode(codec.encode(agent))).isEqualTo(agent);
  }

  @Test
  void routedCallSurvivesTheRoundTripWithNullFields() {
    RoutedCall call = RoutedCall.created("c1", null, Map.of("vip", "true"), List.of("urgent"))
        .waiting("sales", 175, 42L)
        .withSortKey(-123_456L)
        .offered(List.of(new RoutedCall.Offer("a1", "r-1"), new RoutedCall.Offer("a2", "r-2")), 15_042L)
        .withoutOffer("a2", 9_000L);
    RoutedCall unknownDirection = RoutedCall.created("c2", null, Map.of(), List.of());
    RoutedCallCodec codec = new RoutedCallCodec();

    assertThat(codec.decode(codec.encode(call))).isEqualTo(call);
    assertThat(codec.decode(codec.encode(unknownDirection))).isEqualTo(unknownDirection);
  }

  @Test
  void formatOneWrittenByThePreviousReleaseStillReads() throws IOException {
    ByteArrayOutputStream agentBytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(agentBytes)) {
      out.writeByte(1);
      StoreValueCodec.writeString(out, "a1");
      StoreValueCodec.writeList(out, List.of("sales"));
      out.writeInt(1);
      out.writeBoolean(true);
      out.writeLong(42L);
      StoreValueCodec.writeList(out, List.of());
      StoreValueCodec.writeList(out, List.of("c1"));
    }
    ByteArrayOutputStream callBytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(callBytes)) {
      out.writeByte(1);
      StoreValueCodec.writeString(out, "c1");
      StoreValueCodec.writeString(out, "INBOUND");
      StoreValueCodec.writeMap(out, Map.of());
      StoreValueCodec.writeList(out, List.of());
      StoreValueCodec.writeString(out, "OFFERED");
      StoreValueCodec.writeString(out, "sales");
      out.writeInt(125);
      out.writeLong(1_000L);
      StoreValueCodec.writeString(out, "a1");
      StoreValueCodec.writeString(out, "r-1");
      out.writeLong(16_000L);
      StoreValueCodec.writeString(out, null);
    }

    AgentState agent = new AgentStateCodec().decode(agentBytes.toByteArray());
    RoutedCall call = new RoutedCallCodec().decode(callBytes.toByteArray());

    assertThat(agent.available()).isTrue();
    assertThat(agent.offers()).containsExactly("c1");
    assertThat(agent.skills()).isEmpty();
    assertThat(call.offers()).containsExactly(new RoutedCall.Offer("a1", "r-1"));
    assertThat(call.expiresAt()).isEqualTo(16_000L);
    assertThat(call.sortKey()).isEqualTo(WaitingOrder.sortKey(125, 1_000L, 0));
  }

  @Test
  void callbackAndTheTimeItEnteredAnOverflowQueueSurviveTheRoundTrip() {
    RoutedCall call = RoutedCall.created("c1", "INBOUND", Map.of(), List.of())
        .waiting("sales", 100, 1_000L)
        .overflowed("general", 150, 31_000L)
        .asCallback();
    RoutedCallCodec codec = new RoutedCallCodec();

    RoutedCall read = codec.decode(codec.encode(call));

    assertThat(read).isEqualTo(call);
    assertThat(read.enqueuedAt()).isEqualTo(1_000L);
    assertThat(read.queuedAt()).isEqualTo(31_000L);
    assertThat(read.callback()).isTrue();
  }

  @Test
  void formatTwoWrittenByThePreviousReleaseReadsAsNoCallbackThatEnteredItsQueueAtItsAge() throws IOException {
    ByteArrayOutputStream callBytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(callBytes)) {
      out.writeByte(2);
      StoreValueCodec.writeString(out, "c1");
      StoreValueCodec.writeString(out, "INBOUND");
      StoreValueCodec.writeMap(out, Map.of("vip", "true"));
      StoreValueCodec.writeList(out, List.of());
      StoreValueCodec.writeString(out, "WAITING");
      StoreValueCodec.writeString(out, "sales");
      out.writeInt(175);
      out.writeLong(5_000L);
      out.writeLong(-42L);
      out.writeInt(0);
      out.writeLong(0L);
      StoreValueCodec.writeString(out, null);
      out.writeLong(0L);
      out.writeInt(1);
      StoreValueCodec.writeString(out, "a1");
      out.writeLong(4_000L);
    }

    RoutedCall call = new RoutedCallCodec().decode(callBytes.toByteArray());

    assertThat(call.sortKey()).isEqualTo(-42L);
    assertThat(call.refusals()).containsEntry("a1", 4_000L);
    assertThat(call.queuedAt()).isEqualTo(5_000L);
    assertThat(call.callback()).isFalse();
  }

  @Test
  void unknownFormatIsRefusedWithAClearMessage() {
    byte[] fromTheFuture = {9, 0, 0, 0};

    assertThatThrownBy(() -> new AgentStateCodec().decode(fromTheFuture))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown store value format 9");
  }
}
