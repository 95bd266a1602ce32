package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TimestampMergeTest {

  private static final TopicPartition CALLS = new TopicPartition("call.events", 0);
  private static final TopicPartition DECISIONS = new TopicPartition("routing.decisions", 0);
  private static final TopicPartition AGENTS = new TopicPartition("agent.events", 0);
  private static final List<TopicPartition> ALL = List.of(CALLS, DECISIONS, AGENTS);

  private final TimestampMerge merge = new TimestampMerge();

  @Test
  void handsOutInTimestampOrderAcrossPartitionsAndInOffsetOrderWithinOne() {
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 0, 10), record(CALLS, 1, 40), record(CALLS, 2, 30)),
        DECISIONS, List.of(record(DECISIONS, 0, 20), record(DECISIONS, 1, 50)))));

    List<ConsumerRecord<String, byte[]>> batch = merge.take(10, ALL, partition -> false, false);

    // call.events@2 (30) comes after call.events@1 (40): a partition is never reordered.
    assertThat(names(batch)).containsExactly("call.events@0", "routing.decisions@0", "call.events@1",
        "call.events@2", "routing.decisions@1");
    assertThat(merge.size()).isZero();
  }

  @Test
  void takesAtMostMaxAndKeepsTheRestForTheNextBatch() {
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 0, 10), record(CALLS, 1, 30)),
        DECISIONS, List.of(record(DECISIONS, 0, 20)))));

    assertThat(names(merge.take(2, ALL, partition -> false, false)))
        .containsExactly("call.events@0", "routing.decisions@0");
    assertThat(merge.size()).isEqualTo(1);
    assertThat(names(merge.take(2, ALL, partition -> false, false))).containsExactly("call.events@1");
  }

  @Test
  void aBatchDoesNotEndInsideATimestampButStopsAtTwiceMax() {
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 0, 10), record(CALLS, 1, 20), record(CALLS, 2, 20)),
        DECISIONS, List.of(record(DECISIONS, 0, 20), record(DECISIONS, 1, 30)))));

    // max 2: the second record is at 20, so the others at 20 come along, not the one at 30.
    assertThat(names(merge.take(2, ALL, partition -> false, false)))
        .containsExactly("call.events@0", "call.events@1", "call.events@2", "routing.decisions@0");

    merge.add(polled(Map.of(AGENTS, List.of(record(AGENTS, 0, 40), record(AGENTS, 1, 40), record(AGENTS, 2, 40)))));
    assertThat(names(merge.take(1, ALL, partition -> false, false))).containsExactly("routing.decisions@1");
    assertThat(names(merge.take(1, ALL, partition -> false, false)))
        .as("at most twice max, even inside a timestamp").containsExactly("agent.events@0", "agent.events@1");
    assertThat(merge.size()).isEqualTo(1);
  }

  @Test
  void aPartitionWithMoreToReadHoldsBackWhatIsLaterThanItsLastRecordTaken() {
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 0, 10)), DECISIONS, List.of(record(DECISIONS, 0, 5)))));
    assertThat(names(merge.take(10, ALL, partition -> false, false)))
        .containsExactly("routing.decisions@0", "call.events@0");

    // routing.decisions has nothing held but more to read: its next record is at 5 or later, so
    // call.events' records after 5 wait for it.
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 1, 20), record(CALLS, 2, 30)))));
    assertThat(merge.take(10, ALL, DECISIONS::equals, false)).isEmpty();

    merge.add(polled(Map.of(DECISIONS, List.of(record(DECISIONS, 1, 25)))));
    // Now it holds one: call.events@1 (20) and routing.decisions@1 (25) go; call.events@2 (30) waits
    // again, as routing.decisions still has more to read after 25.
    assertThat(names(merge.take(10, ALL, DECISIONS::equals, false)))
        .containsExactly("call.events@1", "routing.decisions@1");
    assertThat(merge.size()).isEqualTo(1);
  }

  @Test
  void aPartitionNeverTakenFromWithMoreToReadHoldsBackEverything() {
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 0, 10)))));

    assertThat(merge.take(10, ALL, AGENTS::equals, false)).isEmpty();
    assertThat(names(merge.take(10, ALL, AGENTS::equals, true))).as("forced").containsExactly("call.events@0");
  }

  @Test
  void aPartitionAtItsEndHoldsNothingBack() {
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 0, 10), record(CALLS, 1, 20)))));

    assertThat(names(merge.take(10, ALL, partition -> false, false)))
        .containsExactly("call.events@0", "call.events@1");
  }

  @Test
  void namesThePartitionsHoldingALotAndForgetsEverythingOnClear() {
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 0, 10), record(CALLS, 1, 20)),
        DECISIONS, List.of(record(DECISIONS, 0, 5)))));

    assertThat(merge.holdingAtLeast(2)).isEqualTo(Set.of(CALLS));
    merge.take(1, ALL, partition -> false, false);
    merge.clear();

    assertThat(merge.size()).isZero();
    assertThat(merge.holdingAtLeast(1)).isEmpty();
    // Nothing taken is remembered either: a partition with more to read holds back everything again.
    merge.add(polled(Map.of(CALLS, List.of(record(CALLS, 0, 10)))));
    assertThat(merge.take(10, ALL, DECISIONS::equals, false)).isEmpty();
  }

  private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, long timestamp) {
    return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, timestamp,
        TimestampType.CREATE_TIME, 0, 0, "key", new byte[0], new RecordHeaders(), Optional.empty());
  }

  private static ConsumerRecords<String, byte[]> polled(
      Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    records.forEach((partition, list) ->
        next.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1)));
    return new ConsumerRecords<>(records, next);
  }

  private static List<String> names(List<ConsumerRecord<String, byte[]>> records) {
    List<String> names = new ArrayList<>();
    records.forEach(record -> names.add(record.topic() + "@" + record.offset()));
    return names;
  }
}
