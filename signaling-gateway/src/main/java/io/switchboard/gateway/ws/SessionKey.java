package io.switchboard.gateway.ws;

/**
 * Whose a WebSocket session is: an agent (by agent id) or a customer (by token subject), within a
 * tenant. Frames are addressed to a key and reach every session of it on this instance.
 *
 * @param agent true for an agent's session, false for a customer's
 * @param id the agent id, or the customer's subject
 */
record SessionKey(String tenantId, boolean agent, String id) {

  static SessionKey of(AgentKey agent) {
    return new SessionKey(agent.tenantId(), true, agent.agentId());
  }

  static SessionKey customer(String tenantId, String subject) {
    return new SessionKey(tenantId, false, subject);
  }

  /** For log lines: "agent a1", "customer c-1". */
  String describe() {
    return (agent ? "agent " : "customer ") + id;
  }
}
