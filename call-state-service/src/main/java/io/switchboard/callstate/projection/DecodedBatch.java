package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.avro.QueueStats;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's records, decoded and sorted by what they become.
 *
 * @param callLog rows for {@code call_events}, from {@code call.events} and {@code routing.decisions}
 * @param decisions rows for {@code routing_decisions}
 * @param agentFacts {@code agent.events} records in the order read
 * @param quality {@code quality.events} records, rows for {@code quality_samples}
 * @param queueStats {@code queue.stats} snapshots in the order read
 * @param audit {@code audit.events} records, rows for {@code audit_events}
 * @param deadLetters the records that cannot be projected, to set aside
 * @param nextOffsets per partition, the offset after the last record of this batch
 */
record DecodedBatch(List<LoggedEvent> callLog, List<DecisionRow> decisions, List<AgentFact> agentFacts,
    List<QualityEvent> quality, List<QueueStats> queueStats, List<AuditEvent> audit, List<DeadLetter> deadLetters,
    Map<TopicPartition, Long> nextOffsets) {

  /** Why each record set aside was set aside. */
  List<String> dropReasons() {
    return deadLetters.stream().map(DeadLetter::reason).toList();
  }

  boolean isEmpty() {
    return nextOffsets.isEmpty();
  }
}
