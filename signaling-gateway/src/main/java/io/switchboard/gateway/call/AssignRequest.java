package io.switchboard.gateway.call;

import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/v1/calls/{callId}/assign}: the agent the supervisor wants the call offered to. */
record AssignRequest(
    @NotNull @Pattern(regexp = RequestIds.ID_PATTERN, message = "must match " + RequestIds.ID_PATTERN) String agentId) {

  CallAssignmentRequested toPayload(String requestedBy) {
    return new CallAssignmentRequested(agentId, requestedBy);
  }
}
