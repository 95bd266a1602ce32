package io.switchboard.gateway.ws;

/**
 * Whose a WebSocket session is: an agent (by agent id), a customer (by token subject) or a
 * supervisor's or admin's wallboard (by token subject, with a prefix), within a tenant. Frames are addressed to a key and reach every session of it
 * on this instance.
 *
 * @param agent true for an agent's session, false for a customer's or a wallboard's
 * @param id the agent id, the customer's subject, or {@link #WALLBOARD} and the subject
 */
record SessionKey(String tenantId, boolean agent, String id) {

  /** Prefixes a wallboard's subject, so that a customer's key is never a wallboard's of the same subject. */
  static final String WALLBOARD = "wallboard ";

  static SessionKey of(AgentKey agent) {
    return new SessionKey(agent.tenantId(), true, agent.agentId());
  }

  static SessionKey customer(String tenantId, String subject) {
    return new SessionKey(tenantId, false, subject);
  }

  /** A supervisor's or admin's session that only watches: it receives queue:stats. */
  static SessionKey wallboard(String tenantId, String subject) {
    return new SessionKey(tenantId, false, WALLBOARD + subject);
  }

  boolean wallboard() {
    return !agent && id.startsWith(WALLBOARD);
  }

  /** For log lines: "agent a1", "customer c-1", "wallboard s-1". */
  String describe() {
    return agent ? "agent " + id : wallboard() ? id : "customer " + id;
  }
}
