package io.switchboard.media.sip.registrar;

import java.time.Instant;
import java.util.List;

/**
 * The contacts bound to one agent's address-of-record.
 *
 * @param tenantId the agent's tenant
 * @param agentId the agent
 * @param aor the address-of-record, {@code sip:username@realm}
 * @param contacts the current bindings, in order of first registration; empty when the agent has none
 * @param owner the bridge instance that last changed them, which publishes their expiry
 * @param changedAt when they last changed; an older copy read from Kafka does not replace a newer one
 */
public record AgentBindings(
    String tenantId, String agentId, String aor, List<Binding> contacts, String owner, Instant changedAt) {

  public AgentBindings {
    contacts = List.copyOf(contacts);
  }

  /** Key of the agent in the bindings topic and in the table: {@code tenantId/agentId}. */
  public String key() {
    return key(tenantId, agentId);
  }

  AgentBindings with(List<Binding> current) {
    return new AgentBindings(tenantId, agentId, aor, current, owner, changedAt);
  }

  static String key(String tenantId, String agentId) {
    return tenantId + "/" + agentId;
  }
}
