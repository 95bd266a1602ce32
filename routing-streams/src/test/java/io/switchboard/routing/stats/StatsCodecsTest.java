package io.switchboard.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.AgentStatus;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StatsCodecsTest {

  @Test
  void everyStoreValueSurvivesARoundTrip() {
    TrackedCall call = new TrackedCall("sales", 1_000, TrackedCall.Phase.CONNECTED, "a1", 1_500, 1_400, 2_000, "ENDED");
    assertThat(new StatsCodecs.Calls().decode(new StatsCodecs.Calls().encode(call))).isEqualTo(call);
    TrackedCall continued = new TrackedCall("sales", 3_000, TrackedCall.Phase.WAITING, "b1", 1_500, 1_400, -1, null,
        true, TrackedCall.Transfer.REQUEUED);
    assertThat(new StatsCodecs.Calls().decode(new StatsCodecs.Calls().encode(continued))).isEqualTo(continued);

    TrackedAgent agent = new TrackedAgent(List.of("sales", "support"), AgentStatus.BREAK, Set.of("c1"), Set.of("c2", "c3"));
    assertThat(new StatsCodecs.Agents().decode(new StatsCodecs.Agents().encode(agent))).isEqualTo(agent);

    QueueState queue = new QueueState();
    queue.waiting = 4;
    queue.latestInterval = 900_000;
    queue.lastEmittedAt = 901_234;
    queue.addAgent(AgentStatus.BUSY, 2);
    QueueState readQueue = new StatsCodecs.Queues().decode(new StatsCodecs.Queues().encode(queue));
    assertThat(readQueue).usingRecursiveComparison().isEqualTo(queue);

    IntervalCounts counts = new IntervalCounts();
    counts.offered = 9;
    counts.answered = 7;
    counts.abandonedAfterServiceLevel = 1;
    counts.answeredWaitMs = 70_000;
    counts.talkMs = 123_456;
    counts.handled = 3;
    IntervalCounts readCounts = new StatsCodecs.Intervals().decode(new StatsCodecs.Intervals().encode(counts));
    assertThat(readCounts).usingRecursiveComparison().isEqualTo(counts);
  }

  @Test
  void aCallWrittenByTheFirstFormatStillReads() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(1);
      io.switchboard.routing.store.StoreValueCodec.writeString(out, "sales");
      out.writeLong(1_000);
      io.switchboard.routing.store.StoreValueCodec.writeString(out, "WAITING");
      io.switchboard.routing.store.StoreValueCodec.writeString(out, "a1");
      out.writeLong(-1);
      out.writeLong(-1);
      out.writeLong(5_000);
    }
    assertThat(new StatsCodecs.Calls().decode(bytes.toByteArray()))
        .isEqualTo(new TrackedCall("sales", 1_000, TrackedCall.Phase.WAITING, "a1", -1, -1, 5_000, null));
  }

  @Test
  void aCallWrittenByTheSecondFormatReadsAsANewContactWithNoTransfer() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(2);
      io.switchboard.routing.store.StoreValueCodec.writeString(out, "sales");
      out.writeLong(1_000);
      io.switchboard.routing.store.StoreValueCodec.writeString(out, "CONNECTED");
      io.switchboard.routing.store.StoreValueCodec.writeString(out, "a1");
      out.writeLong(1_500);
      out.writeLong(1_400);
      out.writeLong(-1);
      io.switchboard.routing.store.StoreValueCodec.writeString(out, null);
    }
    TrackedCall read = new StatsCodecs.Calls().decode(bytes.toByteArray());
    assertThat(read).isEqualTo(new TrackedCall("sales", 1_000, TrackedCall.Phase.CONNECTED, "a1", 1_500, 1_400, -1, null));
    assertThat(read.answeredBefore()).isFalse();
    assertThat(read.transfer()).isEqualTo(TrackedCall.Transfer.NONE);
  }

  @Test
  void aFormatFromANewerReleaseIsRefusedWithAMessage() {
    byte[] bytes = new StatsCodecs.Calls().encode(TrackedCall.entered("sales", 1));
    bytes[0] = 9;
    assertThatThrownBy(() -> new StatsCodecs.Calls().decode(bytes))
        .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown store value format 9");
  }
}
