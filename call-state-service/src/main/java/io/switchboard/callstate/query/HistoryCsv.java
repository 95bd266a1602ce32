package io.switchboard.callstate.query;

import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The columns of the history export: the call view's fields, attributes as JSON, tags space-separated. */
final class HistoryCsv {

  static final List<String> HEADER = List.of("callId", "tenantId", "state", "outcome", "queue", "agentId",
      "customerId", "direction", "channel", "priority", "attributes", "tags", "createdAt", "queuedAt", "offeredAt",
      "answeredAt", "endedAt", "endReason", "waitMs", "talkMs", "durationMs", "ringingAt", "heldAt", "holdCount",
      "holdMs", "transferCount", "wrapUpMs", "disposition", "dispositionNotes", "wrappedUpAt", "wrappedUpBy");

  private HistoryCsv() {}

  static List<Object> fields(CallView call, JsonMapper json) {
    return Arrays.asList(call.callId(), call.tenantId(), call.state(), call.outcome(), call.queue(),
        call.agentId(), call.customerId(), call.direction(), call.channel(), call.priority(),
        json.writeValueAsString(call.attributes()), String.join(" ", call.tags()), call.createdAt(),
        call.queuedAt(), call.offeredAt(), call.answeredAt(), call.endedAt(), call.endReason(), call.waitMs(),
        call.talkMs(), call.durationMs(), call.ringingAt(), call.heldAt(), call.holdCount(), call.holdMs(),
        call.transferCount(), call.wrapUpMs(), call.disposition(), call.dispositionNotes(), call.wrappedUpAt(),
        call.wrappedUpBy());
  }
}
