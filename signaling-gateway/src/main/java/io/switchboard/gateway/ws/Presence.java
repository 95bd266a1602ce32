package io.switchboard.gateway.ws;

import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.signaling.Endpoints;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.SessionPresence;
import io.switchboard.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether an agent or a customer still has a WebSocket session on any gateway instance. Each
 * instance publishes how many sessions it holds for each of them on {@code presence} and reads
 * everyone's ({@link PresenceTable}). When the last session here closes and, a grace period later,
 * no instance holds one, the party is gone: an agent goes OFFLINE, its offers here are declined and
 * its answered calls here end; a customer's calls end. A page that comes back within the grace
 * period, on any instance, keeps its state.
 */
final class Presence {

  private static final Logger log = LoggerFactory.getLogger(Presence.class);

  private final SessionRegistry sessions;
  private final PresenceTable table;
  private final OfferBook offers;
  private final CustomerCalls customerCalls;
  private final CallParties parties;
  private final EventFactory events;
  private final EventPublisher publisher;
  private final Clock clock;
  private final String instanceId;
  private final Duration grace;

  Presence(SessionRegistry sessions, PresenceTable table, OfferBook offers, CustomerCalls customerCalls,
      CallParties parties, EventFactory events, EventPublisher publisher, Clock clock, String instanceId,
      Duration grace) {
    this.sessions = sessions;
    this.table = table;
    this.offers = offers;
    this.customerCalls = customerCalls;
    this.parties = parties;
    this.events = events;
    this.publisher = publisher;
    this.clock = clock;
    this.instanceId = instanceId;
    this.grace = grace;
  }

  /** A session of the key opened or closed here: publishes how many this instance holds now. */
  void changed(SessionKey key) {
    int open = sessions.count(key);
    SessionPresence record = SessionPresence.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(key.tenantId())
        .setOccurredAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .setSource(instanceId)
        .setEndpoint(endpoint(key))
        .setSessions(open)
        .build();
    publisher.publish(Topics.PRESENCE, Topics.tenantKey(key.tenantId(), endpoint(key) + "@" + instanceId), record)
        .subscribe(done -> { }, error -> log.warn("Could not publish the presence of {}: {}", key.describe(),
            error.getMessage()));
    if (open == 0) {
      // Checked once the grace period is over: a reload, here or on another instance, is back by then.
      Mono.delay(grace).subscribe(tick -> expire(key), error -> log.warn("Presence check failed", error));
    }
  }

  /** Whether the agent is known to use the WebSocket and holds no session on any instance now. */
  boolean goneAgent(String tenantId, String agentId) {
    SessionKey key = SessionKey.of(new AgentKey(tenantId, agentId));
    return table.loaded() && table.known(tenantId, endpoint(key)) && !sessions.isConnected(key)
        && !table.heldElsewhere(tenantId, endpoint(key), instanceId);
  }

  /** Declines an offer to an agent without a session, as the agent's own call:decline would. */
  Mono<Void> rescind(String tenantId, String callId, String agentId, String reservationId, UUID decisionId) {
    var declined = events.call(tenantId, callId, new CallDeclined(agentId, reservationId, "no WebSocket session"),
        derived("no-session/" + decisionId));
    return publisher.call(declined).doOnSuccess(done -> {
      try (CallLog ignored = CallLog.of(callId, agentId)) {
        log.info("Declined the offer of call {} to agent {}: it has no WebSocket session", callId, agentId);
      }
    });
  }

  private void expire(SessionKey key) {
    if (sessions.isConnected(key) || table.heldElsewhere(key.tenantId(), endpoint(key), instanceId)) {
      return;
    }
    String reason = (key.agent() ? "the agent's" : "the customer's") + " page was gone for " + grace;
    try (CallLog ignored = CallLog.of(null, key.agent() ? key.id() : null)) {
      log.info("{} has had no WebSocket session for {}", key.describe(), grace);
    }
    Mono<Void> work = key.agent() ? agentGone(key, reason) : customerGone(key, reason);
    work.subscribe(done -> { }, error -> log.warn("Could not record that {} is gone: {}", key.describe(),
        error.getMessage()));
  }

  private Mono<Void> agentGone(SessionKey key, String reason) {
    String tenant = key.tenantId();
    String agentId = key.id();
    Mono<Void> offline = publisher.agent(events.agent(tenant, agentId,
        new AgentStatusChanged(AgentStatus.OFFLINE, reason)));
    Flux<Void> calls = Flux.fromIterable(offers.ofAgent(tenant, agentId)).concatMap(offer -> offer.answered()
        ? publisher.call(events.call(tenant, offer.callId(), new CallEnded(CallOutcome.ENDED, reason, agentId)))
        : publisher.call(events.call(tenant, offer.callId(),
            new CallDeclined(agentId, offer.reservationId(), "no WebSocket session"))));
    return offline.thenMany(calls).then();
  }

  private Mono<Void> customerGone(SessionKey key, String reason) {
    Caller customer = new Caller(key.tenantId(), key.id(), Set.of(Role.CUSTOMER), null);
    return Flux.fromIterable(customerCalls.callsOf(key.tenantId(), key.id()))
        .concatMap(callId -> parties.of(customer, callId)
            .flatMap(call -> Mono.justOrEmpty(CallParties.endOutcome(call.state()))
                .flatMap(outcome -> publisher.call(events.call(key.tenantId(), callId,
                    new CallEnded(outcome, reason, key.id()))))))
        .then();
  }

  private static String endpoint(SessionKey key) {
    return key.agent() ? Endpoints.agent(key.id()) : Endpoints.customer(key.id());
  }

  private static UUID derived(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
