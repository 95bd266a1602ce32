package io.switchboard.gateway.agent;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Body of {@code PUT /api/v1/agents/{agentId}/status}. */
record StatusRequest(@NotBlank String status, @Size(max = 256) String reason) {

  /** RESERVED and BUSY are the routing engine's view of an agent, never the agent's own choice. */
  static final Set<AgentStatus> SETTABLE =
      EnumSet.of(AgentStatus.AVAILABLE, AgentStatus.OFFLINE, AgentStatus.BREAK, AgentStatus.WRAP_UP);

  AgentStatusChanged toPayload() {
    AgentStatus parsed = parse(status);
    if (!SETTABLE.contains(parsed)) {
      throw ApiException.badRequest("status " + parsed + " is set by the routing engine, not by agents");
    }
    return new AgentStatusChanged(parsed, reason);
  }

  private static AgentStatus parse(String status) {
    for (AgentStatus candidate : AgentStatus.values()) {
      if (candidate.name().equals(status)) {
        return candidate;
      }
    }
    throw ApiException.badRequest("status must be one of " + SETTABLE.stream().map(Enum::name)
        .collect(Collectors.joining(", ")) + ", got '" + status + "'");
  }
}
