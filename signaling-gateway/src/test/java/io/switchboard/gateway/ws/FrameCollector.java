package io.switchboard.gateway.ws;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what the gateway queued for a session, as parsed JSON. */
final class FrameCollector {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<String> frames = new CopyOnWriteArrayList<>();

  /** The caller of an agent's session, as its token would give it. */
  static Caller agent(String tenant, String agentId) {
    return new Caller(tenant, "user-" + agentId, Set.of(Role.AGENT), agentId);
  }

  FrameCollector(AgentSession session) {
    session.outbound().subscribe(frames::add);
  }

  List<JsonNode> frames() {
    return frames.stream().map(JSON::readTree).toList();
  }

  JsonNode last() {
    List<JsonNode> all = frames();
    if (all.isEmpty()) {
      throw new AssertionError("No frame was sent");
    }
    return all.get(all.size() - 1);
  }
}
