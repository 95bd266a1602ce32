package io.switchboard.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.topics.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class QueueConfigReaderTest {

  private final QueueConfigs queues = new QueueConfigs();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  // Never started: apply() is what the reader's thread does with each record.
  private final CompactedTopicReader<QueueConfig> reader =
      new CompactedTopicReader<>(new Properties(), Topics.QUEUE_CONFIG, queues, meters);
  private final EventFactory events = new EventFactory(TestWeb.CLOCK, TestWeb.SOURCE);
  private long offset;

  private void read(String key, QueueConfig value) {
    read(key, Topics.QUEUE_CONFIG.valueSerde().encode(value));
  }

  private void read(String key, byte[] value) {
    reader.apply(new ConsumerRecord<>(Topics.QUEUE_CONFIG.name(), 0, offset++, key, value));
  }

  @Test
  void aConfigIsStoredForItsTenantAndATombstoneRemovesIt() {
    QueueConfig vip = events.queueConfig("acme", "vip").setPriorityBase(200).build();
    read("acme/vip", vip);
    read("globex/vip", events.queueConfig("globex", "vip").build());

    assertThat(queues.find("acme", "vip")).contains(vip);
    assertThat(queues.all("acme")).containsExactly(vip);

    read("acme/vip", (QueueConfig) null);

    assertThat(queues.find("acme", "vip")).isEmpty();
    assertThat(queues.all("acme")).isEmpty();
    assertThat(queues.find("globex", "vip")).isPresent();
  }

  @Test
  void aLaterConfigReplacesTheEarlierOne() {
    read("acme/vip", events.queueConfig("acme", "vip").setPriorityBase(200).build());
    read("acme/vip", events.queueConfig("acme", "vip").setPriorityBase(300).build());
    assertThat(queues.find("acme", "vip")).get().extracting(QueueConfig::getPriorityBase).isEqualTo(300);
  }

  @Test
  void undecodableRecordsAndBadKeysAreCountedAndSkipped() {
    read("acme/vip", new byte[] {1, 2, 3});
    read("no-slash", events.queueConfig("acme", "x").build());
    read(null, (QueueConfig) null);

    assertThat(queues.all("acme")).isEmpty();
    assertThat(meters.get("switchboard.records.dropped").tag("reason", "undecodable").counter().count()).isEqualTo(1);
    assertThat(meters.get("switchboard.records.dropped").tag("reason", "bad-key").counter().count()).isEqualTo(2);
  }
}
