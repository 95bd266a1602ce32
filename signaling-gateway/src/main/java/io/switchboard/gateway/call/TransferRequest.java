package io.switchboard.gateway.call;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.TransferTargetType;

/** Body of {@code POST /api/v1/calls/{callId}/transfer}: exactly one of an agent and a queue. */
record TransferRequest(String agentId, String queue) {

  TransferTargetType type() {
    if ((agentId == null) == (queue == null)) {
      throw ApiException.badRequest("Give exactly one of agentId or queue");
    }
    return agentId != null ? TransferTargetType.AGENT : TransferTargetType.QUEUE;
  }

  String target() {
    return agentId != null ? agentId : queue;
  }
}
