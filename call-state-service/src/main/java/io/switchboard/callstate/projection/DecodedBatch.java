package io.switchboard.callstate.projection;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's records, decoded and sorted by what they become.
 *
 * @param callLog rows for {@code call_events}, from {@code call.events} and {@code routing.decisions}
 * @param decisions rows for {@code routing_decisions}
 * @param agentFacts {@code agent.events} records in the order read
 * @param dropReasons why each skipped record was skipped
 * @param nextOffsets per partition, the offset after the last record of this batch
 */
record DecodedBatch(List<LoggedEvent> callLog, List<DecisionRow> decisions, List<AgentFact> agentFacts,
    List<String> dropReasons, Map<TopicPartition, Long> nextOffsets) {

  boolean isEmpty() {
    return nextOffsets.isEmpty();
  }
}
