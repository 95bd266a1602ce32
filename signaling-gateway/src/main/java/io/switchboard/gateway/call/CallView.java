package io.switchboard.gateway.call;

import io.switchboard.schemas.call.CallState;

/** The part of call-state's call view that the gateway judges requests by. */
record CallView(String callId, CallState state, String agentId, String channel) {

  CallView(String callId, CallState state, String agentId) {
    this(callId, state, agentId, null);
  }
}
