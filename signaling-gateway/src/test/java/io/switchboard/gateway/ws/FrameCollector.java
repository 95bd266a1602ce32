package io.switchboard.gateway.ws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what the gateway queued for a session, as parsed JSON. */
final class FrameCollector {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<String> frames = new CopyOnWriteArrayList<>();

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
