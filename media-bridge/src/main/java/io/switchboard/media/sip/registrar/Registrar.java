package io.switchboard.media.sip.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bindings of agents' phones: applied from REGISTER, expired by a timer, and told to {@link
 * RegistrarEvents}. Only the instance that last changed an agent's bindings publishes their expiry,
 * so that several instances do not each announce it.
 */
final class Registrar {

  private static final Logger log = LoggerFactory.getLogger(Registrar.class);

  private final BindingTable table;
  private final RegistrarEvents events;
  private final Clock clock;
  private final String instanceId;

  Registrar(BindingTable table, RegistrarEvents events, Clock clock, String instanceId) {
    this.table = table;
    this.events = events;
    this.clock = clock;
    this.instanceId = instanceId;
  }

  Instant now() {
    return clock.instant();
  }

  BindingTable.Outcome register(
      SipCredential credential, String aor, List<BindingTable.ContactUpdate> updates, boolean removeAll,
      String callId, long cseq) {
    BindingTable.Outcome outcome =
        table.register(credential.tenantId(), credential.agentId(), aor, updates, removeAll, callId, cseq, now(),
            instanceId);
    if (outcome.change() != null) {
      BindingTable.Change change = outcome.change();
      boolean unregistered = change.after().contacts().isEmpty()
          || change.before() != null && change.after().contacts().size() < change.before().contacts().size();
      events.changed(change, unregistered && change.added().isEmpty() ? "unregistered" : "registered");
    }
    return outcome;
  }

  Optional<AgentBindings> bindings(String tenantId, String agentId) {
    return table.find(tenantId, agentId);
  }

  /** Removes what has expired; publishes the changes of the agents whose bindings this instance owns. */
  void expire() {
    for (BindingTable.Change change : table.expire(now())) {
      AgentBindings before = change.before();
      if (instanceId.equals(before.owner())) {
        log.info("SIP bindings of agent {} expired: {} left", before.agentId(), change.after().contacts().size());
        events.changed(change, "expired");
      } else {
        log.debug("SIP bindings of agent {} expired; owner {} publishes it", before.agentId(), before.owner());
      }
    }
  }
}
