package io.switchboard.callstate.projection;

/** An agent's identity: agent ids are unique within a tenant only. */
record AgentKey(String tenantId, String agentId) {}
