package io.switchboard.gateway.ws;

import io.switchboard.gateway.events.IncomingEventHandler;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns routing decisions and call events into frames for the agents connected to this instance. */
final class AgentNotifier implements IncomingEventHandler {

  private static final Logger log = LoggerFactory.getLogger(AgentNotifier.class);
  private static final Duration PRUNE_INTERVAL = Duration.ofSeconds(1);
  /** Video calls remembered at most, the oldest forgotten first (a call whose end was missed). */
  static final int VIDEO_CALLS = 100_000;

  private final SessionRegistry sessions;
  private final OfferBook offers;
  private final Frames frames;
  private final Clock clock;
  private final Duration offerGrace;
  // Offers to agents with no session here, kept for a page that reconnects to this instance.
  private final OfferBook elsewhere = new OfferBook();
  /** When the books are next walked for expired offers: at most once a second, not at every offer. */
  private volatile Instant nextPrune = Instant.MIN;
  private final Presence presence;
  /** "tenant/callId" of the open calls created with {@code media=video}: their offers say so. */
  private final Set<String> videoCalls = Collections.synchronizedSet(Collections.newSetFromMap(
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > VIDEO_CALLS;
        }
      }));

  AgentNotifier(SessionRegistry sessions, OfferBook offers, Frames frames, Clock clock, Duration offerGrace) {
    this(sessions, offers, frames, clock, offerGrace, null);
  }

  /** {@code presence}: declines offers to agents that have no session anywhere; null to leave them. */
  AgentNotifier(SessionRegistry sessions, OfferBook offers, Frames frames, Clock clock, Duration offerGrace,
      Presence presence) {
    this.presence = presence;
    this.sessions = sessions;
    this.offers = offers;
    this.frames = frames;
    this.clock = clock;
    this.offerGrace = offerGrace;
  }

  @Override
  public void onRoutingDecision(RoutingDecision decision) {
    Object payload = decision.getPayload();
    String tenant = decision.getTenantId();
    String callId = decision.getCallId();
    if (payload instanceof RoutingOffered) {
      offered(tenant, callId, decision.getQueue(), (RoutingOffered) payload, decision.getEventId());
    } else if (payload instanceof ReservationAccepted) {
      accepted(tenant, callId, (ReservationAccepted) payload);
    } else if (payload instanceof ReservationRejected) {
      ReservationRejected rejected = (ReservationRejected) payload;
      withdrawn(tenant, callId, rejected.getAgentId(), rejected.getReservationId(), "rejected");
    } else if (payload instanceof ReservationTimedOut) {
      ReservationTimedOut timedOut = (ReservationTimedOut) payload;
      withdrawn(tenant, callId, timedOut.getAgentId(), timedOut.getReservationId(), "timed-out");
    } else if (payload instanceof OfferRescinded) {
      // Ring-all losers, an agent going offline, a caller hanging up: the phone stops ringing.
      OfferRescinded rescinded = (OfferRescinded) payload;
      withdrawn(tenant, callId, rescinded.getAgentId(), rescinded.getReservationId(), "rescinded");
    }
  }

  @Override
  public void onCallEvent(CallEvent event) {
    if (event.getPayload() instanceof CallCreated created) {
      if ("video".equals(created.getAttributes().get("media"))) {
        videoCalls.add(event.getTenantId() + "/" + event.getCallId());
      }
      return;
    }
    if (!(event.getPayload() instanceof CallEnded)) {
      return;
    }
    CallEnded ended = (CallEnded) event.getPayload();
    videoCalls.remove(event.getTenantId() + "/" + event.getCallId());
    elsewhere.remove(event.getTenantId(), event.getCallId());
    String frame = frames.encode("call:ended", Frames.data(
        "callId", event.getCallId(), "outcome", ended.getOutcome().name(), "reason", ended.getReason()));
    for (OfferBook.Offer offer : offers.remove(event.getTenantId(), event.getCallId())) {
      sessions.sendTo(new AgentKey(event.getTenantId(), offer.agentId()), frame);
      try (CallLog ignored = CallLog.of(event.getCallId(), offer.agentId())) {
        log.info("Told agent {} that call {} ended as {}", offer.agentId(), event.getCallId(), ended.getOutcome());
      }
    }
  }

  /**
   * Forgets offers whose timeout notice was missed, at most once a second: that is soon enough, and
   * spares the clock reading and the look at the expiry queues on every offer.
   */
  private void pruneNowAndThen() {
    Instant now = clock.instant();
    if (now.isBefore(nextPrune)) {
      return;
    }
    nextPrune = now.plus(PRUNE_INTERVAL);
    offers.prune(now.minus(offerGrace));
    elsewhere.prune(now);
  }

  private void offered(String tenant, String callId, String queue, RoutingOffered offer, UUID decisionId) {
    pruneNowAndThen();
    AgentKey agent = new AgentKey(tenant, offer.getAgentId());
    String frame = incoming(tenant, callId, queue, offer.getReservationId(), offer.getExpiresAt(),
        offer.getCallback());
    // Remember the offer before telling the agent, so that an immediate accept finds it.
    OfferBook.Offer remembered = new OfferBook.Offer(callId, offer.getAgentId(), offer.getReservationId(),
        offer.getExpiresAt(), false, queue, offer.getCallback());
    offers.put(tenant, remembered);
    int delivered = sessions.sendTo(agent, frame);
    if (delivered == 0) {
      // Not this instance's agent: only offers delivered here are tracked; a page reconnecting here gets it.
      offers.withdraw(tenant, callId, offer.getAgentId(), offer.getReservationId());
      elsewhere.put(tenant, remembered);
      if (presence != null && presence.goneAgent(tenant, offer.getAgentId())) {
        elsewhere.withdraw(tenant, callId, offer.getAgentId(), offer.getReservationId());
        presence.rescind(tenant, callId, offer.getAgentId(), offer.getReservationId(), decisionId)
            .subscribe(done -> { }, error -> log.warn("Could not decline the offer of call {}: {}", callId,
                error.getMessage()));
      }
      return;
    }
    try (CallLog ignored = CallLog.of(callId, offer.getAgentId())) {
      log.info("Offered call {} to agent {} on {} session(s)", callId, offer.getAgentId(), delivered);
    }
  }

  /**
   * A page that (re)connects gets the offers still ringing for its agent: those delivered here to an
   * earlier session, and those that arrived while the agent had no session here.
   */
  void connected(AgentSession session) {
    if (!session.isAgent()) {
      return;
    }
    AgentKey agent = session.agent();
    Instant now = clock.instant();
    for (OfferBook.Offer offer : elsewhere.ofAgent(agent.tenantId(), agent.agentId())) {
      elsewhere.withdraw(agent.tenantId(), offer.callId(), agent.agentId(), offer.reservationId());
      offers.put(agent.tenantId(), offer);
    }
    for (OfferBook.Offer offer : offers.ofAgent(agent.tenantId(), agent.agentId())) {
      if (!offer.answered() && offer.expiresAt() != null && offer.expiresAt().isAfter(now)) {
        session.send(incoming(agent.tenantId(), offer.callId(), offer.queue(), offer.reservationId(), offer.expiresAt(),
            offer.callback()));
      }
    }
  }

  private String incoming(String tenant, String callId, String queue, String reservationId, Instant expiresAt,
      boolean callback) {
    return frames.encode("call:incoming", Frames.data("callId", callId, "queue", queue,
        "reservationId", reservationId, "expiresAt", expiresAt.toString(),
        // A callback: the agent's side dials the customer rather than picking up a waiting caller.
        "callback", callback, "media", media(tenant, callId)));
  }

  /** {@code video} for a call created with {@code media=video}, else {@code audio}. */
  private String media(String tenant, String callId) {
    return videoCalls.contains(tenant + "/" + callId) ? "video" : "audio";
  }

  private void accepted(String tenant, String callId, ReservationAccepted accepted) {
    elsewhere.remove(tenant, callId);
    AgentKey agent = new AgentKey(tenant, accepted.getAgentId());
    boolean known = offers.find(tenant, callId, accepted.getAgentId()).isPresent();
    if (known || sessions.isConnected(agent)) {
      // Ring-all: the agents who lost the race are told the call is gone.
      for (OfferBook.Offer other : offers.answered(tenant, callId, accepted.getAgentId(), accepted.getReservationId())) {
        sessions.sendTo(new AgentKey(tenant, other.agentId()), frames.encode("call:declined", Frames.data(
            "callId", callId, "agentId", other.agentId(), "reason", "answered-elsewhere")));
      }
    }
    sessions.sendTo(agent, frames.encode("call:accepted",
        Frames.data("callId", callId, "agentId", accepted.getAgentId(), "media", media(tenant, callId))));
  }

  private void withdrawn(String tenant, String callId, String agentId, String reservationId, String reason) {
    elsewhere.withdraw(tenant, callId, agentId, reservationId);
    if (offers.withdraw(tenant, callId, agentId, reservationId).isPresent()) {
      sessions.sendTo(new AgentKey(tenant, agentId), frames.encode("call:declined",
          Frames.data("callId", callId, "agentId", agentId, "reason", reason)));
    }
  }
}
