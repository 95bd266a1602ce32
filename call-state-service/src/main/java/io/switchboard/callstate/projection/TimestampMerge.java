package io.switchboard.callstate.projection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Polled records held per partition and handed out in the order of their timestamps across all the
 * partitions, as Kafka Streams does for the partitions of one task. Without it a consumer reads each
 * partition as fast as it can fetch it, and in a replay one topic runs minutes of event time ahead of
 * another: a call's {@code call.events} are projected in one batch and its {@code routing.decisions}
 * in a later one, the call's row written once for each, and the agents' status changes land far from
 * the calls they follow. With it, a batch holds what happened in one stretch of time on every topic.
 *
 * <p>A batch is a prefix of each partition's held records, so the offsets stored with it stay exact.
 * A partition with nothing held that has more to read ({@code hasMore}: the consumer knows of records
 * past its position) holds the others back: nothing later than the last record taken from it (nothing
 * at all if none was) is handed out until its next records are polled, unless the caller forces the
 * batch. A partition with nothing more to read holds nothing back, so a projection that has caught up
 * hands out everything it polls at once. Timestamps out of order within a partition only loosen the
 * order; a partition's records are always handed out in offset order.
 *
 * <p>Not thread-safe: used by the poll thread only.
 */
final class TimestampMerge {

  private static final Comparator<ArrayDeque<ConsumerRecord<String, byte[]>>> BY_HEAD =
      Comparator.comparingLong((ArrayDeque<ConsumerRecord<String, byte[]>> held) -> held.peekFirst().timestamp())
          .thenComparing(held -> held.peekFirst().topic())
          .thenComparingInt(held -> held.peekFirst().partition());

  private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> held = new HashMap<>();
  private final Map<TopicPartition, Long> lastTaken = new HashMap<>();
  private int size;

  /** Holds a poll's records after those already held. */
  void add(ConsumerRecords<String, byte[]> polled) {
    for (TopicPartition partition : polled.partitions()) {
      List<ConsumerRecord<String, byte[]>> records = polled.records(partition);
      held.computeIfAbsent(partition, key -> new ArrayDeque<>()).addAll(records);
      size += records.size();
    }
  }

  /** Records held, not handed out yet. */
  int size() {
    return size;
  }

  /** The partitions holding at least {@code limit} records: the ones to stop fetching for now. */
  Set<TopicPartition> holdingAtLeast(int limit) {
    return held.entrySet().stream().filter(entry -> entry.getValue().size() >= limit).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /**
   * Up to {@code max} held records in timestamp order, stopping before the first one later than what
   * one of {@code partitions} with nothing held and {@code hasMore} may still bring; {@code force}
   * ignores such partitions. Empty when nothing is held, or when every held record must wait. A
   * batch does not end inside a timestamp: past {@code max} it takes the held records with the same
   * timestamp as its last, up to twice {@code max} (events of one moment, often of one call, from
   * several services, stay together).
   */
  List<ConsumerRecord<String, byte[]>> take(int max, Collection<TopicPartition> partitions,
      Predicate<TopicPartition> hasMore, boolean force) {
    long bound = Long.MAX_VALUE;
    PriorityQueue<ArrayDeque<ConsumerRecord<String, byte[]>>> heads = new PriorityQueue<>(BY_HEAD);
    for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> entry : held.entrySet()) {
      if (!entry.getValue().isEmpty()) {
        heads.add(entry.getValue());
      }
    }
    if (!force) {
      for (TopicPartition partition : partitions) {
        ArrayDeque<ConsumerRecord<String, byte[]>> records = held.get(partition);
        if ((records == null || records.isEmpty()) && hasMore.test(partition)) {
          bound = Math.min(bound, lastTaken.getOrDefault(partition, Long.MIN_VALUE));
        }
      }
    }
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(Math.min(max, size));
    long last = Long.MIN_VALUE;
    while (!heads.isEmpty() && batch.size() < 2 * max) {
      ArrayDeque<ConsumerRecord<String, byte[]>> next = heads.peek();
      ConsumerRecord<String, byte[]> record = next.peekFirst();
      if (record.timestamp() > bound || batch.size() >= max && record.timestamp() != last) {
        break;
      }
      heads.poll();
      last = record.timestamp();
      next.removeFirst();
      size--;
      batch.add(record);
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      lastTaken.put(partition, record.timestamp());
      if (!next.isEmpty()) {
        heads.add(next);
      } else if (!force && hasMore.test(partition)) {
        bound = Math.min(bound, record.timestamp());
      }
    }
    return batch;
  }

  /** Forgets everything held and taken: the consumer is about to seek. */
  void clear() {
    held.clear();
    lastTaken.clear();
    size = 0;
  }
}
