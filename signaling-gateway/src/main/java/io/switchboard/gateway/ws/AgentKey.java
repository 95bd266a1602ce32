package io.switchboard.gateway.ws;

/** An agent is known by its id within a tenant. */
record AgentKey(String tenantId, String agentId) {}
