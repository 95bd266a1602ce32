package io.switchboard.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.WidgetKey;
import io.switchboard.schemas.topics.Topics;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TablesHealthTest {

  private static final class Table<V> extends CompactedTopicReader.Table<V> {
    @Override
    public void apply(String tenantId, String id, V value) {}
  }

  private final Table<QueueConfig> queues = new Table<>();
  private final Table<WidgetKey> keys = new Table<>();
  // Never started: the health reads only whether each table is loaded.
  private final TablesHealth health = new TablesHealth(List.of(
      new CompactedTopicReader<>(new Properties(), Topics.QUEUE_CONFIG, queues, new SimpleMeterRegistry()),
      new CompactedTopicReader<>(new Properties(), Topics.WIDGET_KEYS, keys, new SimpleMeterRegistry())));

  @Test
  void outOfServiceUntilEveryTableIsLoadedAndNamesTheOnesStillLoading() {
    Health loading = health.health();
    assertThat(loading.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(loading.getDetails()).containsEntry("queue.config", "loading").containsEntry("widget.keys", "loading");
    assertThat(health.loading()).containsExactly("queue.config", "widget.keys");

    queues.markLoaded();
    Health one = health.health();
    assertThat(one.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(one.getDetails()).containsEntry("queue.config", "loaded").containsEntry("widget.keys", "loading");
    assertThat(health.loading()).containsExactly("widget.keys");

    keys.markLoaded();
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.loading()).isEmpty();
  }
}
