package io.switchboard.gateway.events;

import java.util.List;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * OUT_OF_SERVICE until every compacted topic the gateway answers from (queue configs, SIP accounts,
 * trunks and numbers, widget keys, presence, queue statistics) has been read up to where it ended at
 * start-up: until then the admin API answers 503 for them. Part of the readiness group, so a load
 * balancer sends no traffic to an instance that is still loading.
 */
public final class TablesHealth implements HealthIndicator {

  private final List<CompactedTopicReader<?>> readers;

  TablesHealth(List<CompactedTopicReader<?>> readers) {
    this.readers = List.copyOf(readers);
  }

  @Override
  public Health health() {
    TreeMap<String, String> topics = new TreeMap<>();
    for (CompactedTopicReader<?> reader : readers) {
      topics.put(reader.topicName(), reader.loaded() ? "loaded" : "loading");
    }
    return (topics.containsValue("loading") ? Health.outOfService() : Health.up()).withDetails(topics).build();
  }

  /** The topics not read up to where they ended at start-up yet, by name; empty once all are. */
  public List<String> loading() {
    return readers.stream().filter(reader -> !reader.loaded()).map(CompactedTopicReader::topicName).sorted().toList();
  }
}
