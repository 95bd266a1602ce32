package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Writes a queue's snapshot when it changes, at most once per {@code emitInterval}: the first change
 * after a quiet period goes out at once, later ones are held in the dirty store and written by the
 * wall-clock punctuator as soon as the interval has passed, so a last change is never lost.
 */
final class StatsEmitter {

  private final StatsStores stores;
  private final QueueSnapshots snapshots;
  private final ProcessorContext<String, QueueStats> context;
  private final String source;
  private final long intervalMs;

  StatsEmitter(StatsStores stores, QueueStatsSettings settings, ProcessorContext<String, QueueStats> context) {
    this.stores = stores;
    this.snapshots = QueueSnapshots.of(stores);
    this.context = context;
    this.source = settings.source();
    this.intervalMs = settings.emitInterval().toMillis();
  }

  void changed(Collection<String> queueKeys) {
    long now = context.currentSystemTimeMs();
    for (String key : queueKeys) {
      QueueState state = stores.queues().get(key);
      if (state != null && due(state, now)) {
        emit(key, state, now);
      } else if (state != null) {
        stores.dirty().put(key, "");
      }
    }
  }

  /** Wall-clock punctuation: writes the held-back queues whose interval has passed. */
  void punctuate(long now) {
    List<String> held = new ArrayList<>();
    try (KeyValueIterator<String, String> it = stores.dirty().all()) {
      it.forEachRemaining(entry -> held.add(entry.key));
    }
    for (String key : held) {
      QueueState state = stores.queues().get(key);
      if (state == null) {
        stores.dirty().delete(key);
      } else if (due(state, now)) {
        emit(key, state, now);
      }
    }
  }

  private boolean due(QueueState state, long now) {
    return now - state.lastEmittedAt >= intervalMs;
  }

  private void emit(String key, QueueState state, long now) {
    String[] tenantAndQueue = StatsKeys.split(key);
    snapshots.snapshot(tenantAndQueue[0], tenantAndQueue[1], now).ifPresent(snapshot -> context.forward(
        new Record<>(Topics.queueKey(snapshot.tenantId(), snapshot.queue()), snapshot.toAvro(source), now)));
    state.lastEmittedAt = now;
    stores.queues().put(key, state);
    stores.dirty().delete(key);
  }
}
