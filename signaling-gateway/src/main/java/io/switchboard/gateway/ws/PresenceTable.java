package io.switchboard.gateway.ws;

import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.schemas.avro.SessionPresence;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of {@code presence}: how many sessions each gateway instance holds for each
 * agent and customer. Keys are {@code tenantId/endpoint@instance}; instance ids hold no '@'.
 */
final class PresenceTable extends CompactedTopicReader.Table<SessionPresence> {

  private record Where(String tenantId, String endpoint) {}

  private final Map<Where, Map<String, Integer>> sessions = new ConcurrentHashMap<>();

  @Override
  public void apply(String tenantId, String id, SessionPresence value) {
    int at = id.lastIndexOf('@');
    if (at <= 0) {
      return;
    }
    String endpoint = id.substring(0, at);
    String instance = id.substring(at + 1);
    sessions.compute(new Where(tenantId, endpoint), (key, byInstance) -> {
      Map<String, Integer> next = byInstance == null ? new ConcurrentHashMap<>() : byInstance;
      if (value == null) {
        next.remove(instance);
      } else {
        next.put(instance, value.getSessions());
      }
      return next;
    });
  }

  /** Whether an instance other than {@code self} says it holds a session of the endpoint. */
  boolean heldElsewhere(String tenantId, String endpoint, String self) {
    return sessions.getOrDefault(new Where(tenantId, endpoint), Map.of()).entrySet().stream()
        .anyMatch(entry -> !entry.getKey().equals(self) && entry.getValue() > 0);
  }

  /** Whether any instance ever said anything of the endpoint: it is a WebSocket user, not, say, a SIP desk phone. */
  boolean known(String tenantId, String endpoint) {
    return sessions.containsKey(new Where(tenantId, endpoint));
  }
}
