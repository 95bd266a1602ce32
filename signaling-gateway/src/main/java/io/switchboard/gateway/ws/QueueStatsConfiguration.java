package io.switchboard.gateway.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import reactor.core.scheduler.Schedulers;

/** The gateway's copy of queue.stats, and its push to the WebSocket sessions as {@code queue:stats}. */
@Configuration(proxyBeanMethods = false)
class QueueStatsConfiguration {

  /** At most one push of a queue per this; routing itself writes a queue at most once a second. */
  static final Duration PUSH_INTERVAL = Duration.ofSeconds(1);

  @Bean
  QueueStatsTable queueStatsTable() {
    return new QueueStatsTable();
  }

  /** The catalogue topics must exist before it looks up the partitions of queue.stats. */
  @Bean
  @DependsOn("catalogueTopics")
  CompactedTopicReader<QueueStats> queueStatsReader(SwitchboardProperties properties, QueueStatsTable table,
      MeterRegistry meters) {
    return new CompactedTopicReader<>(CompactedTopicReader.config(properties, Topics.QUEUE_STATS),
        Topics.QUEUE_STATS, table, meters);
  }

  @Bean
  QueueStatsPush queueStatsPush(QueueStatsTable table, Frames frames, Clock clock) {
    return new QueueStatsPush(table, frames, clock, PUSH_INTERVAL, Schedulers.parallel());
  }
}
