package io.switchboard.gateway.call;

import io.switchboard.schemas.call.CallState;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The part of call-state's call view that the gateway judges requests by. */
record CallView(String callId, CallState state, String agentId, String channel, String customerId) {

  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  CallView(String callId, CallState state, String agentId) {
    this(callId, state, agentId, null, null);
  }

  CallView(String callId, CallState state, String agentId, String channel) {
    this(callId, state, agentId, channel, null);
  }

  /** Reads call-state's JSON call view; throws {@code JacksonException} for an unreadable one. */
  static CallView parse(String json) {
    return JSON.readValue(json, CallView.class);
  }
}
