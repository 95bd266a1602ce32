package io.switchboard.callstate.projection;

/** A call's identity: call ids are scoped by tenant like everything else. */
record CallKey(String tenantId, String callId) {}
