package io.switchboard.callstate.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.schemas.topics.Topic;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes projection loops over one set of tables each: the live one, and the rebuilds a replay makes
 * in a schema of their own. Every loop reads all the event topics with its own consumer and keeps
 * its offsets in its own {@code consumer_offsets}.
 */
public final class Projections {

  private final KafkaProperties kafka;
  private final InstanceProperties instance;
  private final ProjectionProperties properties;
  private final JsonMapper json;

  Projections(KafkaProperties kafka, InstanceProperties instance, ProjectionProperties properties, JsonMapper json) {
    this.kafka = kafka;
    this.instance = instance;
    this.properties = properties;
    this.json = json;
  }

  /** The live projection: the tables the read API serves, with the service's metrics and health. */
  ProjectionLoop live(DatabaseClient db, ReactiveTransactionManager transactions, MeterRegistry registry,
      ProjectionStatus status) {
    return loop(db, transactions, new ProjectionMetrics(registry), status, "projection", true);
  }

  /**
   * A projection into other tables, from the beginning of the topics (its {@code consumer_offsets}
   * starts empty). Its counters stay out of the service's metrics, which describe the live tables.
   */
  public ProjectionLoop rebuild(DatabaseClient db, ReactiveTransactionManager transactions) {
    return loop(db, transactions, new ProjectionMetrics(new SimpleMeterRegistry()),
        new ProjectionStatus(Clock.systemUTC()), "replay", false);
  }

  /** The topics every projection reads. */
  public static List<String> topicNames() {
    return RecordDecoder.TOPICS.stream().map(Topic::name).toList();
  }

  /** Per partition, the offset the tables behind {@code db} resume from. */
  public static Mono<Map<TopicPartition, Long>> storedOffsets(DatabaseClient db) {
    return new OffsetStore(db).load();
  }

  private ProjectionLoop loop(DatabaseClient db, ReactiveTransactionManager transactions, ProjectionMetrics metrics,
      ProjectionStatus status, String role, boolean live) {
    RecordDecoder decoder = new RecordDecoder();
    OffsetStore offsets = new OffsetStore(db);
    BatchWriter writer = new BatchWriter(new CallStore(db, json, decoder), new AgentStore(db, json),
        new DecisionStore(db), offsets, new WrapUps(db), new DeadLetterStore(db), new QualityStore(db),
        new ParticipantStore(db), new QueueStatsStore(db, json), new AuditStore(db, json),
        new KeyPressStore(db), TransactionalOperator.create(transactions),
        new CallFactCache(CallFactCache.DEFAULT_MAX_FACTS));
    return new ProjectionLoop(new KafkaClients(kafka, instance, properties, role), decoder, writer, offsets, metrics,
        status, properties, live);
  }
}
