package io.switchboard.gateway.call;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.TransferTargetType;

/**
 * Body of {@code POST /api/v1/calls/{callId}/transfer}, and of {@code call:transfer}: exactly one of an
 * agent, a queue and a number (a number is {@link TransferTargetType#EXTERNAL}).
 */
public record TransferRequest(String agentId, String queue, String number) {

  public TransferTargetType type() {
    int given = (agentId != null ? 1 : 0) + (queue != null ? 1 : 0) + (number != null ? 1 : 0);
    if (given != 1) {
      throw ApiException.badRequest("Give exactly one of agentId, queue or number");
    }
    return agentId != null ? TransferTargetType.AGENT
        : queue != null ? TransferTargetType.QUEUE : TransferTargetType.EXTERNAL;
  }

  public String target() {
    return agentId != null ? agentId : queue != null ? queue : number;
  }
}
