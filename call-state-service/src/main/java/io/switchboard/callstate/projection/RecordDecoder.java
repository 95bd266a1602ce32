package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Decodes polled records; a record that cannot be projected is logged and set aside, never thrown. */
final class RecordDecoder {

  private static final Logger log = LoggerFactory.getLogger(RecordDecoder.class);

  /** The topics this projection reads. */
  static final List<Topic<?>> TOPICS = List.of(Topics.CALL_EVENTS, Topics.ROUTING_DECISIONS, Topics.AGENT_EVENTS,
      Topics.QUALITY_EVENTS, Topics.QUEUE_STATS, Topics.AUDIT_EVENTS);

  DecodedBatch decode(Iterable<ConsumerRecord<String, byte[]>> records) {
    List<LoggedEvent> callLog = new ArrayList<>();
    List<DecisionRow> decisions = new ArrayList<>();
    List<AgentFact> agentFacts = new ArrayList<>();
    List<QualityEvent> quality = new ArrayList<>();
    List<QueueStats> queueStats = new ArrayList<>();
    List<AuditEvent> audit = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      nextOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
      DeadLetter deadLetter = decodeInto(record, callLog, decisions, agentFacts, quality, queueStats, audit);
      if (deadLetter != null) {
        deadLetters.add(deadLetter);
      }
    }
    return new DecodedBatch(callLog, decisions, agentFacts, quality, queueStats, audit, deadLetters, nextOffsets);
  }

  /** Decodes a record read back from {@code call_events}. */
  CallFact storedCallFact(String topic, int partition, long offset, byte[] bytes) {
    if (Topics.ROUTING_DECISIONS.name().equals(topic)) {
      return CallFact.of(Topics.ROUTING_DECISIONS.valueSerde().decode(bytes), topic, partition, offset);
    }
    return CallFact.of(Topics.CALL_EVENTS.valueSerde().decode(bytes), topic, partition, offset);
  }

  /** Returns the record set aside, or null when it was decoded. */
  private DeadLetter decodeInto(ConsumerRecord<String, byte[]> record, List<LoggedEvent> callLog,
      List<DecisionRow> decisions, List<AgentFact> agentFacts, List<QualityEvent> quality,
      List<QueueStats> queueStats, List<AuditEvent> audit) {
    if (record.value() == null) {
      return drop(record, "tombstone", "a null value");
    }
    try {
      if (Topics.CALL_EVENTS.name().equals(record.topic())) {
        CallEvent event = Topics.CALL_EVENTS.valueSerde().decode(record.value());
        return logged(record, event, CallFact.of(event, record.topic(), record.partition(), record.offset()), callLog);
      }
      if (Topics.ROUTING_DECISIONS.name().equals(record.topic())) {
        RoutingDecision decision = Topics.ROUTING_DECISIONS.valueSerde().decode(record.value());
        DeadLetter dropped = logged(record, decision,
            CallFact.of(decision, record.topic(), record.partition(), record.offset()), callLog);
        if (dropped == null) {
          decisions.add(DecisionRow.of(decision));
        }
        return dropped;
      }
      if (Topics.AGENT_EVENTS.name().equals(record.topic())) {
        return decoded(record, Topics.AGENT_EVENTS,
            event -> agentFacts.add(AgentFact.of(event, record.partition(), record.offset())));
      }
      if (Topics.QUALITY_EVENTS.name().equals(record.topic())) {
        return decoded(record, Topics.QUALITY_EVENTS, quality::add);
      }
      if (Topics.QUEUE_STATS.name().equals(record.topic())) {
        return decoded(record, Topics.QUEUE_STATS, queueStats::add);
      }
      if (Topics.AUDIT_EVENTS.name().equals(record.topic())) {
        return decoded(record, Topics.AUDIT_EVENTS, audit::add);
      }
      return drop(record, "unknown-topic", "a topic this projection does not read");
    } catch (SerializationException e) {
      return drop(record, "undecodable", e.getMessage());
    }
  }

  /** Decodes a record of a table other than the call log and hands it to {@code into}, unless it holds a NUL. */
  private static <V extends SpecificRecord> DeadLetter decoded(ConsumerRecord<String, byte[]> record, Topic<V> topic,
      Consumer<V> into) {
    V value = topic.valueSerde().decode(record.value());
    if (hasNul(EventJson.of(value))) {
      return nulCharacter(record);
    }
    into.accept(value);
    return null;
  }

  private DeadLetter logged(ConsumerRecord<String, byte[]> record, SpecificRecord event, CallFact fact,
      List<LoggedEvent> callLog) {
    String json = EventJson.of(event);
    if (hasNul(json)) {
      return nulCharacter(record);
    }
    callLog.add(new LoggedEvent(fact, json, record.value()));
    return null;
  }

  private static DeadLetter nulCharacter(ConsumerRecord<String, byte[]> record) {
    return drop(record, "nul-character", "a NUL character, which PostgreSQL text cannot hold");
  }

  private static boolean hasNul(String json) {
    return json.contains("\\u0000");
  }

  private static DeadLetter drop(ConsumerRecord<String, byte[]> record, String reason, String detail) {
    // The key is the subject of the record: an agent on agent.events, tenant/queue on queue.stats, the
    // tenant on audit.events, else a call.
    String subject = Topics.AGENT_EVENTS.name().equals(record.topic()) ? "agentId"
        : Topics.QUEUE_STATS.name().equals(record.topic()) ? "queue"
        : Topics.AUDIT_EVENTS.name().equals(record.topic()) ? "tenantId" : "callId";
    if (record.key() != null) {
      MDC.put(subject, record.key());
    }
    try {
      log.warn("Setting record {}-{}@{} aside ({}): {}", record.topic(), record.partition(), record.offset(), reason,
          detail);
    } finally {
      MDC.remove(subject);
    }
    return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason,
        detail);
  }
}
