package io.switchboard.media.sip.call;

import gov.nist.javax.sip.header.HeaderFactoryExt;
import gov.nist.javax.sip.message.SIPMessage;
import io.switchboard.media.audio.FramePlayer;
import io.switchboard.media.audio.Samples;
import io.switchboard.media.dtmf.Digit;
import io.switchboard.media.dtmf.SipInfoDtmf;
import io.switchboard.media.rtp.LegQuality;
import io.switchboard.media.rtp.PortsExhaustedException;
import io.switchboard.media.rtp.QualityEventPublisher;
import io.switchboard.media.rtp.RelayListener;
import io.switchboard.media.rtp.RelaySession;
import io.switchboard.media.rtp.RtpRelay;
import io.switchboard.media.rtp.Side;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.Direction;
import io.switchboard.media.sdp.OfferAnswer;
import io.switchboard.media.sdp.SdpException;
import io.switchboard.media.sdp.SessionDescription;
import io.switchboard.media.sip.SipDialogListener;
import io.switchboard.media.sip.SipEndpoints;
import io.switchboard.media.sip.SipExchange;
import io.switchboard.media.sip.SipRequestHandler;
import io.switchboard.media.sip.ThrottledLog;
import io.switchboard.media.sip.registrar.AgentBindings;
import io.switchboard.media.sip.registrar.Binding;
import io.switchboard.media.sip.registrar.BindingTable;
import io.switchboard.media.sip.registrar.SipCredentials;
import io.switchboard.media.sip.trunk.OutboundTrunk;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallRinging;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.avro.CallbackScheduled;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.NumberTransferRequested;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.QueueLimit;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.RoutingRejected;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The back-to-back user agent that puts SIP callers into the queues (docs/media-bridge.md, "Calls").
 *
 * <p>A caller's INVITE is routed by {@link InboundRoutes}, answered 100 then 183 with the relay's
 * port and ringback (or the queue's waiting audio) once {@code CallCreated} and {@code CallQueued}
 * are on {@code call.events}. A {@code RoutingOffered} for the call INVITEs the agent's registered
 * phone with the caller's codec; its 200 bridges the legs (200 to the caller, {@code CallAnswered}),
 * its refusal or silence publishes {@code CallDeclined} and the call waits again. CANCEL, BYE,
 * {@code RoutingRejected}, a relay timeout and a {@code CallEnded} from another service end both legs.
 * A REFER from the agent's phone (or a {@code CallTransferred} from the gateway) is a blind transfer:
 * the routing engine puts the call into its new queue, the agent's leg is let go, and the caller's leg,
 * never re-INVITEd, waits with the queue's audio for the next agent's phone. A REFER to a number dials it
 * over the tenant's outbound trunk; its answer takes the agent's place on the relay and the call leaves the
 * contact center ({@code CallTransferred EXTERNAL}).
 *
 * <p>Each call's monitor serialises what happens to it; the maps only find it. Kafka sends are
 * asynchronous: no stack thread waits for the broker.
 */
public final class B2bua implements SipRequestHandler, SipDialogListener, RelayListener {

  private static final Logger log = LoggerFactory.getLogger(B2bua.class);
  /** INVITEs refused before a call begins: a peer can send them at any rate. */
  private static final ThrottledLog refusals = new ThrottledLog(log, java.time.Duration.ofSeconds(10));
  static final String MDC_CALL_ID = "callId";
  static final String CUSTOMER = "customer";

  private final InboundRoutes routes;
  private final RtpRelay relay;
  private final String rtpHost;
  /** Looked up when first needed: the stack's server depends on this handler. */
  private final Supplier<SipEndpoints> endpoints;
  private final BindingTable bindings;
  private final SipMessages messages;
  private final HeaderFactory headers;
  private final CallEventPublisher events;
  private final Function<String, Samples> waitingAudio;
  private final Clock clock;
  private final String instanceId;
  private final B2buaMetrics metrics;
  private final QualityEventPublisher quality;
  private final SipCredentials credentials;
  private final Duration transferTimeout;
  /** RFC 4028: the session interval asked for and the least taken, in seconds. */
  private final int sessionExpires;
  private final int minSessionExpires;

  /** Both legs' SIP Call-IDs → their call. */
  private final Map<String, BridgedCall> bySipCallId = new ConcurrentHashMap<>();
  /** Switchboard call id → call. */
  private final Map<String, BridgedCall> byCallId = new ConcurrentHashMap<>();
  /** Callbacks of callers this instance let go, by call id, until routing offers them to an agent. */
  private final Map<String, PendingCallback> callbacks = new ConcurrentHashMap<>();
  /** Agents' INVITEs cancelled before any provisional response, by SIP Call-ID: CANCEL goes at the first one. */
  private final Map<String, BridgedCall.AgentLeg> pendingCancels = new ConcurrentHashMap<>();
  /** Agents' calls out (the gateway's OUTBOUND SIP CallCreated), dialled by the instance holding the agent's phone. */
  private final Map<String, PendingCallback> outboundCalls = new ConcurrentHashMap<>();
  private final java.util.function.Function<String, Optional<OutboundTrunk>> outboundTrunks;
  private volatile boolean accepting;
  /** REFERs, the gateway's transfers and transfers to a number. */
  private final BlindTransfers transfers;
  /** RFC 4028 session timers on both legs. */
  private final SessionRefresh sessions;
  /** Transfers' and session timers' deadlines: one thread, each task short and under its call's monitor. */
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "b2bua-timers");
    thread.setDaemon(true);
    return thread;
  });

  B2bua(InboundRoutes routes, RtpRelay relay, String rtpHost, Supplier<SipEndpoints> endpoints, BindingTable bindings,
      SipMessages messages, HeaderFactory headers, CallEventPublisher events, Function<String, Samples> waitingAudio,
      Clock clock, String instanceId, B2buaMetrics metrics, QualityEventPublisher quality, SipCredentials credentials,
      Duration transferTimeout, int sessionExpires, int minSessionExpires,
      java.util.function.Function<String, Optional<OutboundTrunk>> outboundTrunks) {
    this.routes = routes;
    this.relay = relay;
    this.rtpHost = rtpHost;
    this.endpoints = endpoints;
    this.bindings = bindings;
    this.messages = messages;
    this.headers = headers;
    this.events = events;
    this.waitingAudio = waitingAudio;
    this.clock = clock;
    this.instanceId = instanceId;
    this.metrics = metrics;
    this.quality = quality;
    this.credentials = credentials;
    this.transferTimeout = transferTimeout;
    this.sessionExpires = sessionExpires;
    this.minSessionExpires = minSessionExpires;
    this.outboundTrunks = outboundTrunks;
    this.sessions = new SessionRefresh(this, messages, headers);
    this.transfers = new BlindTransfers(this, sessions, endpoints, messages, headers, events, credentials,
        outboundTrunks, transferTimeout, rtpHost, bySipCallId);
  }

  /** A caller's callback: who and where to call once routing offers it. */
  private record PendingCallback(String tenantId, String callId, String queue, String number) {}

  /** New INVITEs are taken once the routing decisions are followed; before, and after {@link #stop}, 503. */
  void accepting(boolean accepting) {
    this.accepting = accepting;
  }

  /** Calls this instance holds now. */
  public int activeCalls() {
    return byCallId.size();
  }

  @Override
  public java.util.Set<String> sipCallIds() {
    return java.util.Set.copyOf(bySipCallId.keySet());
  }

  @Override
  public String method() {
    return Request.INVITE;
  }

  @Override
  public java.util.Set<String> methods() {
    return java.util.Set.of(Request.ACK, Request.BYE, Request.CANCEL, Request.INFO, Request.REFER, Request.UPDATE);
  }

  @Override
  public java.util.Set<String> extensions() {
    return java.util.Set.of(SessionTimer.TIMER);
  }

  // ---------------------------------------------------------------------------------------------
  // The caller's INVITE

  @Override
  public void handle(SipExchange exchange) throws Exception {
    Request invite = exchange.request();
    ServerTransaction transaction = exchange.transaction();
    SipProvider provider = exchange.provider();
    if (transaction == null || provider == null) {
      exchange.respond(Response.SERVER_INTERNAL_ERROR);
      return;
    }
    if (!accepting) {
      refuse(exchange, Response.SERVICE_UNAVAILABLE, "Not taking calls yet", retryAfter(5));
      return;
    }
    InboundRoutes.Route route = routes.route(invite, source(invite));
    if (route instanceof InboundRoutes.Refused refused) {
      metrics.refused(refused.status());
      refusals.info("INVITE from {} refused: {} {}", source(invite), refused.status(), refused.reason());
      refuse(exchange, refused.status(), refused.reason(), refused.headers());
      return;
    }
    InboundRoutes.Accepted accepted = (InboundRoutes.Accepted) route;
    SessionDescription offer;
    try {
      offer = offer(invite);
    } catch (SdpException.NoCommonCodec e) {
      metrics.refused(Response.NOT_ACCEPTABLE_HERE);
      refuse(exchange, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", List.of(warning(e.getMessage())));
      return;
    } catch (SdpException e) {
      metrics.refused(Response.BAD_REQUEST);
      refuse(exchange, Response.BAD_REQUEST, "Bad SDP: " + e.getMessage(), List.of());
      return;
    }
    SessionTimer timer;
    try {
      timer = SessionTimer.fromRequest(invite, sessionExpires, minSessionExpires);
    } catch (SessionTimer.TooSmall e) {
      metrics.refused(SessionTimer.INTERVAL_TOO_SMALL);
      refuse(exchange, SessionTimer.INTERVAL_TOO_SMALL, "Session Interval Too Small",
          List.of(headers.createHeader(SessionTimer.MIN_SE, Integer.toString(e.minimum))));
      return;
    }
    String callId = UUID.randomUUID().toString();
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, callId)) {
      start(exchange, accepted, offer, callId, provider, transaction, timer);
    }
  }

  private void start(SipExchange exchange, InboundRoutes.Accepted route, SessionDescription offer, String callId,
      SipProvider provider, ServerTransaction transaction, SessionTimer timer) throws Exception {
    Request invite = exchange.request();
    RelaySession session;
    try {
      session = relay.open(route.tenantId(), callId, this);
    } catch (PortsExhaustedException | java.io.UncheckedIOException e) {
      // Used up by this bridge's calls, or no pair bindable (other processes hold the range).
      metrics.refused(Response.SERVICE_UNAVAILABLE);
      refusals.warn("INVITE refused: {}", e.getMessage());
      refuse(exchange, Response.SERVICE_UNAVAILABLE, "No media ports free", retryAfter(30));
      return;
    }
    OfferAnswer.Negotiated answer;
    try {
      answer = OfferAnswer.answer(offer, origin(), new OfferAnswer.Local(rtpHost, session.a().localRtpPort()), false);
    } catch (SdpException.NoCommonCodec e) {
      session.close();
      metrics.refused(Response.NOT_ACCEPTABLE_HERE);
      refuse(exchange, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", List.of(warning(e.getMessage())));
      return;
    }
    session.a().signal(new InetSocketAddress(answer.remoteAddress(), answer.remotePort()));
    session.a().participantId(CUSTOMER);
    session.payloadType(answer.audio().payloadType(), answer.audio().name(), answer.audio().clockRate());
    if (answer.telephoneEvent() != null) {
      session.payloadType(answer.telephoneEvent().payloadType(), answer.telephoneEvent().name(),
          answer.telephoneEvent().clockRate());
      session.telephoneEvents(answer.telephoneEvent().payloadType(), answer.telephoneEvent().clockRate());
    }
    Dialog dialog = provider.getNewDialog(transaction);
    exchange.defer();
    transaction.sendResponse(messages.plain(Response.TRYING, invite));
    FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
    BridgedCall call = new BridgedCall(route.tenantId(), callId, route.queue(), transaction, dialog,
        SipMessages.newTag(), session, answer.audio(), answer.telephoneEvent(), answer.description(), provider,
        from.getAddress());
    call.customerSession.timer = timer;
    call.customerSession.sdp = answer.description().toString();
    byCallId.put(callId, call);
    bySipCallId.put(call.customerSipCallId, call);
    metrics.callStarted();
    Map<String, String> attributes = new HashMap<>(route.attributes());
    attributes.put("sipCallId", call.customerSipCallId);
    if (route.trunkId() != null) {
      attributes.put("trunkId", route.trunkId());
    }
    CallCreated created = CallCreated.newBuilder()
        .setDirection(CallDirection.INBOUND)
        .setChannel(CallChannel.SIP)
        .setCustomerId(SipMessages.userOf(from.getAddress()))
        .setFromAddress(from.getAddress().getURI().toString())
        .setToAddress(invite.getRequestURI().toString())
        .setQueue(route.queue())
        .setAttributes(attributes)
        .setTags(List.of())
        .build();
    log.info("Call {} from {} into queue {} of {} (SIP Call-ID {})", callId, created.getFromAddress(), route.queue(),
        route.tenantId(), call.customerSipCallId);
    events.publish(call.tenantId, callId, created)
        .thenCompose(done -> events.publish(call.tenantId, callId, new CallQueued(route.queue(), null)))
        .whenComplete((done, failure) -> {
          try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, callId)) {
            if (failure != null) {
              log.error("Call {}: CallCreated/CallQueued not published; refusing the caller", callId, failure);
              synchronized (call) {
                finish(call, Response.SERVICE_UNAVAILABLE, null);
              }
            } else {
              queued(call);
            }
          }
        });
  }

  /** The call is in its queue: the caller hears ringback (or the queue's audio) over the relay. */
  private void queued(BridgedCall call) {
    synchronized (call) {
      if (call.phase == BridgedCall.Phase.ENDED || call.queuedAnswered) {
        return;
      }
      call.queuedAnswered = true;
      try {
        call.customerInvite.sendResponse(messages.toCustomer(Response.SESSION_PROGRESS, call.customerRequest(),
            call.customerTag, call.provider, call.customerAnswer.toString()));
      } catch (ParseException | SipException | javax.sip.InvalidArgumentException e) {
        log.warn("Call {}: 183 not sent: {}", call.callId, e.getMessage());
      }
      FramePlayer.Law law = call.audio.is(Codec.PCMA) ? FramePlayer.Law.PCMA : FramePlayer.Law.PCMU;
      call.relay.play(Side.A, new FramePlayer(waitingAudio.apply(call.queue), law), call.audio.payloadType());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Routing decisions and other services' call events

  /** One record of {@code routing.decisions}; only calls this instance holds are acted on. */
  public void onDecision(RoutingDecision decision) {
    BridgedCall call = byCallId.get(decision.getCallId());
    if (call == null) {
      PendingCallback callback = callbacks.get(decision.getCallId());
      if (callback != null && callback.tenantId().equals(decision.getTenantId())
          && decision.getPayload() instanceof RoutingOffered offered && offered.getCallback()) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, callback.callId())) {
          dialCallback(callback, offered, callbacks);
        }
      }
      PendingCallback out = outboundCalls.get(decision.getCallId());
      if (out != null && out.tenantId().equals(decision.getTenantId())
          && decision.getPayload() instanceof RoutingOffered offered && holdsPhoneOf(out.tenantId(), offered.getAgentId())) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, out.callId())) {
          dialCallback(out, offered, outboundCalls);
        }
      }
      return;
    }
    if (!call.tenantId.equals(decision.getTenantId())) {
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        if (call.externalNumber != null) {
          return; // transferred to a number: routing has no more to say about the call
        }
        Object payload = decision.getPayload();
        if (payload instanceof CallbackScheduled) {
          callbackScheduled(call);
        } else if (payload instanceof RoutingOffered offered) {
          offered(call, offered);
        } else if (payload instanceof ReservationTimedOut timedOut) {
          withdraw(call, timedOut.getReservationId(), "reservation timed out");
        } else if (payload instanceof OfferRescinded rescinded) {
          withdraw(call, rescinded.getReservationId(), "offer rescinded");
        } else if (payload instanceof RoutingQueued && call.phase == BridgedCall.Phase.CONNECTED) {
          // Only a transfer puts a connected call into a queue again.
          transfers.transferred(call, decision.getQueue());
        } else if (payload instanceof RoutingRejected rejected && call.phase == BridgedCall.Phase.CONNECTED) {
          transfers.transferFailed(call, rejectedStatus(rejected.getLimit()), reason(rejected.getLimit()));
        } else if (payload instanceof AssignmentRefused refused && call.phase == BridgedCall.Phase.CONNECTED) {
          transfers.transferFailed(call, Response.TEMPORARILY_UNAVAILABLE, "agent " + refused.getAgentId()
              + " cannot take it (" + refused.getReason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        } else if (payload instanceof RoutingRejected rejected) {
          rejected(call, rejected.getLimit());
        }
      }
    }
  }

  /** One record of {@code call.events}: a call this instance holds that another service ended is hung up. */
  public void onCallEvent(CallEvent event) {
    Object payload = event.getPayload();
    if (instanceId.equals(event.getSource())
        || !(payload instanceof CallEnded || payload instanceof CallHeld || payload instanceof CallResumed
            || payload instanceof CallTransferred || payload instanceof NumberTransferRequested
            || payload instanceof CallbackRequested || payload instanceof CallCreated)) {
      return;
    }
    if (payload instanceof CallCreated created) {
      if (created.getDirection() == CallDirection.OUTBOUND && created.getChannel() == CallChannel.SIP
          && created.getToAddress() != null && !created.getToAddress().isBlank()) {
        outboundCalls.put(event.getCallId(), new PendingCallback(event.getTenantId(), event.getCallId(),
            created.getQueue(), created.getToAddress()));
      }
      return;
    }
    if (payload instanceof CallEnded) {
      callbacks.remove(event.getCallId());
      outboundCalls.remove(event.getCallId());
    }
    BridgedCall call = byCallId.get(event.getCallId());
    if (call == null || !call.tenantId.equals(event.getTenantId())) {
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        if (payload instanceof CallbackRequested requested) {
          if (requested.getNumber() != null && !requested.getNumber().isBlank()) {
            call.callbackNumber = requested.getNumber();
          }
        } else if (payload instanceof CallEnded ended) {
          log.info("Call {} ended by {} ({}): hanging up", call.callId, event.getSource(), ended.getOutcome());
          hangUp(call, Response.TEMPORARILY_UNAVAILABLE);
        } else if (payload instanceof CallTransferred transfer) {
          transfers.serviceTransfer(call, transfer, event.getSource());
        } else if (payload instanceof NumberTransferRequested requested) {
          transfers.serviceTransferToNumber(call, requested, event.getSource());
        } else if (call.phase == BridgedCall.Phase.CONNECTED) {
          // The gateway's hold and resume: the relay holds as if the agent's phone had.
          boolean wasHeld = call.held();
          call.heldByService = payload instanceof CallHeld;
          // The service's event is already on the topic: only the relay changes here.
          holdRelay(call);
          if (call.held() != wasHeld) {
            log.info("Call {}: {} by {} through {}", call.callId, call.held() ? "held" : "resumed",
                payload instanceof CallHeld held ? held.getBy() : ((CallResumed) payload).getBy(), event.getSource());
          }
        }
      }
    }
  }

  private void offered(BridgedCall call, RoutingOffered offer) {
    boolean another = call.phase == BridgedCall.Phase.RINGING && call.agent != null && !call.agent.answered
        && ringing(call).stream().noneMatch(leg -> leg.agentId.equals(offer.getAgentId()));
    if (!another && (call.phase != BridgedCall.Phase.QUEUED || call.agent != null)) {
      log.info("Call {}: offer {} to {} ignored in phase {}", call.callId, offer.getReservationId(),
          offer.getAgentId(), call.phase);
      return;
    }
    String agentId = offer.getAgentId();
    Optional<Binding> contact = bindings.current(call.tenantId, agentId, clock.instant())
        .flatMap(B2bua::newestContact);
    if (contact.isEmpty()) {
      log.info("Call {}: agent {} has no registered SIP phone; declining the offer", call.callId, agentId);
      declined(call, agentId, offer.getReservationId(), "no registered SIP phone");
      return;
    }
    AgentBindings agent = bindings.current(call.tenantId, agentId, clock.instant()).orElseThrow();
    List<Codec> codecs = call.audio == null ? OfferAnswer.audioCodecs(false) : new ArrayList<>(List.of(call.audio));
    if (call.audio != null && call.telephoneEvent != null) {
      codecs.add(call.telephoneEvent);
    }
    SessionDescription sdp = OfferAnswer.offer(origin(),
        new OfferAnswer.Local(rtpHost, call.relay.b().localRtpPort()), codecs, Direction.SENDRECV);
    try {
      SipProvider provider = endpoints.get().provider(SipMessages.transportOfUri(contact.get().contact()));
      Request invite = messages.inviteAgent(contact.get().contact(), agent.aor(), call.customerAddress, call.callId,
          sdp.toString(), provider);
      offerSessionTimer(invite);
      ClientTransaction transaction = provider.getNewClientTransaction(invite);
      Dialog dialog = provider.getNewDialog(transaction);
      String sipCallId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
      BridgedCall.AgentLeg leg = new BridgedCall.AgentLeg(agentId, offer.getReservationId(), sipCallId,
          transaction, dialog, codecs, provider, sdp.origin());
      leg.session.sdp = sdp.toString();
      if (another) {
        call.alsoRinging.add(leg); // ring-all: one more phone rings beside the first
      } else {
        call.agent = leg;
        call.phase = BridgedCall.Phase.RINGING;
      }
      bySipCallId.put(sipCallId, call);
      transaction.sendRequest();
      log.info("Call {}: ringing agent {} at {} (reservation {})", call.callId, agentId, contact.get().contact(),
          offer.getReservationId());
      events.publish(call.tenantId, call.callId, new CallRinging(agentId, null))
          .exceptionally(failure -> logged(call, "CallRinging", failure));
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
      log.warn("Call {}: agent {}'s phone at {} cannot be invited: {}", call.callId, agentId,
          contact.get().contact(), e.getMessage());
      forgetAgent(call);
      declined(call, agentId, offer.getReservationId(), "phone unreachable: " + e.getMessage());
    }
  }

  /** The contact registered (or refreshed) last: the phone most likely still there. */
  private static Optional<Binding> newestContact(AgentBindings agent) {
    return agent.contacts().stream().max(Comparator.comparing(Binding::expiresAt));
  }

  /** Routing took the offer back: the agent's phone stops ringing and the caller waits on. */
  private void withdraw(BridgedCall call, String reservationId, String why) {
    BridgedCall.AgentLeg leg = ringing(call).stream().filter(ringing -> ringing.reservationId.equals(reservationId))
        .findFirst().orElse(null);
    if (leg == null || leg.answered) {
      return;
    }
    log.info("Call {}: {} for agent {}; cancelling its INVITE", call.callId, why, leg.agentId);
    cancel(leg);
    dropRinging(call, leg);
  }

  /** The phones ringing for the call now: its agent leg while unanswered, and a ring-all's others. */
  private static List<BridgedCall.AgentLeg> ringing(BridgedCall call) {
    List<BridgedCall.AgentLeg> legs = new ArrayList<>();
    if (call.agent != null && !call.agent.answered) {
      legs.add(call.agent);
    }
    legs.addAll(call.alsoRinging);
    return legs;
  }

  /**
   * A ringing phone is no longer rung (refused, silent, withdrawn): forgotten; when it was the first, the
   * next ring-all phone takes its place, and when none is left the call waits in its queue again.
   */
  private void dropRinging(BridgedCall call, BridgedCall.AgentLeg leg) {
    if (call.alsoRinging.remove(leg)) {
      bySipCallId.remove(leg.sipCallId);
      return;
    }
    if (call.agent == leg) {
      forgetAgent(call);
      if (!call.alsoRinging.isEmpty()) {
        call.agent = call.alsoRinging.remove(0);
      } else {
        call.phase = BridgedCall.Phase.QUEUED;
      }
    }
  }

  /** Every phone still ringing for the call is cancelled and forgotten (the call ends, or waits no more). */
  private void cancelRinging(BridgedCall call) {
    for (BridgedCall.AgentLeg leg : ringing(call)) {
      cancel(leg);
      bySipCallId.remove(leg.sipCallId);
    }
    call.alsoRinging.clear();
    if (call.agent != null && !call.agent.answered) {
      call.agent = null;
    }
  }

  private void rejected(BridgedCall call, QueueLimit limit) {
    if (call.phase == BridgedCall.Phase.CONNECTED || call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    int status = rejectedStatus(limit);
    log.info("Call {}: queue {} rejected it ({}); answering {}", call.callId, call.queue, limit, status);
    if (call.agent != null) {
      cancel(call.agent);
    }
    endCaller(call, status, limit == QueueLimit.CAPACITY ? retryAfter(60) : List.of());
    events.publish(call.tenantId, call.callId, new CallEnded(CallOutcome.FAILED, reason(limit), null))
        .exceptionally(failure -> logged(call, "CallEnded", failure));
  }

  private static int rejectedStatus(QueueLimit limit) {
    return switch (limit) {
      case CAPACITY -> Response.SERVICE_UNAVAILABLE;
      case MAX_WAIT -> Response.BUSY_HERE;
      case NO_AGENT -> Response.TEMPORARILY_UNAVAILABLE;
      case UNKNOWN_QUEUE -> Response.NOT_FOUND;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Requests inside the bridge's dialogs

  @Override
  public boolean request(RequestEvent event, ServerTransaction transaction) throws Exception {
    Request request = event.getRequest();
    BridgedCall call = bySipCallId.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
    if (call == null) {
      return false;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        boolean fromCustomer = sipCallIdOf(request).equals(call.customerSipCallId);
        switch (request.getMethod()) {
          case Request.ACK:
            return true;
          case Request.CANCEL:
            if (!fromCustomer || transaction == null) {
              return false;
            }
            transaction.sendResponse(messages.plain(Response.OK, request));
            callerGone(call, "caller cancelled");
            return true;
          case Request.BYE:
            if (transaction == null) {
              return false;
            }
            transaction.sendResponse(messages.plain(Response.OK, request));
            if (fromCustomer) {
              callerGone(call, "caller hung up");
            } else if (call.agent != null && call.agent.answered && call.agent.sipCallId.equals(sipCallIdOf(request))) {
              if (call.transfer != null) {
                // A transferring phone hangs up once its REFER is accepted: the call goes on without it.
                call.agent.gone = true;
              } else {
                agentHungUp(call);
              }
            } else {
              call.releasedLegs.stream().filter(released -> released.sipCallId.equals(sipCallIdOf(request)))
                  .forEach(released -> released.gone = true);
            }
            return true;
          case Request.REFER:
            if (transaction != null) {
              transfers.refer(call, request, transaction, fromCustomer);
            }
            return true;
          case Request.INVITE:
            if (transaction == null) {
              return false;
            }
            reInvite(call, request, transaction, fromCustomer);
            return true;
          case Request.UPDATE:
            if (transaction == null) {
              return false;
            }
            if (request.getRawContent() == null || request.getRawContent().length == 0) {
              sessions.refreshed(call, request, transaction, fromCustomer);
            } else {
              reInvite(call, request, transaction, fromCustomer);
            }
            return true;
          case Request.INFO:
            if (transaction != null) {
              info(call, request, transaction, fromCustomer);
            }
            return true;
          case Request.OPTIONS:
            if (transaction != null) {
              transaction.sendResponse(messages.plain(Response.OK, request));
            }
            return true;
          default:
            if (transaction != null) {
              transaction.sendResponse(messages.plain(Response.NOT_IMPLEMENTED, request));
            }
            return true;
        }
      }
    }
  }

  /**
   * A re-INVITE from either phone (RFC 3264 §8): answered from the bridge's own side of that leg, with
   * the direction mirrored (a hold offer gets recvonly or inactive, a resume sendrecv: never a cached
   * answer). The other leg is not re-INVITEd: the relay stops sending to the held side and, when the
   * agent holds, plays the queue's waiting audio to the caller instead.
   */
  private void reInvite(BridgedCall call, Request request, ServerTransaction transaction, boolean fromCustomer)
      throws Exception {
    BridgedCall.AgentLeg leg = call.agent;
    if (fromCustomer ? !call.customerAnswered
        : call.phase != BridgedCall.Phase.CONNECTED || leg == null || !leg.answered) {
      // RFC 3261 14.2: the first INVITE is not answered yet.
      Response busy = messages.inDialog(Response.SERVER_INTERNAL_ERROR, request, call.provider, null);
      retryAfter(1).forEach(busy::addHeader);
      transaction.sendResponse(busy);
      return;
    }
    SipProvider provider = fromCustomer ? call.provider : leg.provider;
    BridgedCall.LegSession session = fromCustomer ? call.customerSession : leg.session;
    if (session.refreshing != null) {
      // RFC 3261 14.2: the bridge's own re-INVITE on this leg is still pending (glare).
      transaction.sendResponse(messages.inDialog(Response.REQUEST_PENDING, request, provider, null));
      return;
    }
    SessionDescription.Origin origin = fromCustomer ? call.customerOrigin : leg.origin;
    int port = fromCustomer ? call.relay.a().localRtpPort() : call.relay.b().localRtpPort();
    OfferAnswer.Negotiated answer;
    try {
      answer = OfferAnswer.answer(offer(request), origin.next(), new OfferAnswer.Local(rtpHost, port), false);
      if (!answer.audio().is(call.audio.name())) {
        throw new SdpException.NoCommonCodec("The call's codec is " + call.audio.name() + "; the bridge relays"
            + " without transcoding, so it cannot change to " + answer.audio().name() + " during the call");
      }
    } catch (SdpException.NoCommonCodec e) {
      Response refused = messages.inDialog(Response.NOT_ACCEPTABLE_HERE, request, provider, null);
      refused.addHeader(warning(e.getMessage()));
      transaction.sendResponse(refused);
      return;
    } catch (SdpException e) {
      Response bad = messages.inDialog(Response.BAD_REQUEST, request, provider, null);
      bad.setReasonPhrase("Bad SDP: " + e.getMessage().replaceAll("[\\r\\n]", " "));
      transaction.sendResponse(bad);
      return;
    }
    if (answer.remotePort() != 0 && !"0.0.0.0".equals(answer.remoteAddress())) {
      (fromCustomer ? call.relay.a() : call.relay.b())
          .signal(new InetSocketAddress(answer.remoteAddress(), answer.remotePort()));
    }
    if (fromCustomer) {
      call.customerOrigin = answer.description().origin();
    } else {
      leg.origin = answer.description().origin();
    }
    session.sdp = answer.description().toString();
    Response ok = messages.inDialog(Response.OK, request, provider, session.sdp);
    sessions.sessionHeaders(ok, session.timer);
    transaction.sendResponse(ok);
    sessions.arm(call, session, fromCustomer ? Side.A : Side.B);
    String by = fromCustomer ? CUSTOMER : leg.agentId;
    boolean wasHeld = call.held();
    if (fromCustomer) {
      call.heldByCustomer = answer.heldByRemote();
    } else {
      call.heldByAgent = answer.heldByRemote();
    }
    applyHold(call, wasHeld, by);
  }

  /**
   * The relay as the hold flags say: a held caller is sent nothing; when the agent (or a service)
   * holds, the agent is sent nothing either and the caller hears the queue's waiting audio. A change
   * between held and not held is published, {@code CallHeld} or {@code CallResumed} by {@code by}.
   */
  private void applyHold(BridgedCall call, boolean wasHeld, String by) {
    holdRelay(call);
    if (call.held() == wasHeld) {
      return;
    }
    log.info("Call {}: {} by {}", call.callId, call.held() ? "held" : "resumed", by);
    if (call.externalNumber != null) {
      return; // the call has left the contact center: its hold is the relay's alone
    }
    Object event = call.held() ? new CallHeld(by) : new CallResumed(by);
    events.publish(call.tenantId, call.callId, event)
        .exceptionally(failure -> logged(call, event.getClass().getSimpleName(), failure));
  }

  void holdRelay(BridgedCall call) {
    // Nobody on the agent's side: held there, being transferred, or waiting again after a transfer.
    boolean agentSide = call.heldByAgent || call.heldByService || call.transfer != null
        || call.phase != BridgedCall.Phase.CONNECTED;
    call.relay.pause(Side.A, agentSide || call.heldByCustomer);
    call.relay.pause(Side.B, agentSide);
    if (agentSide && !call.heldByCustomer) {
      if (!call.relay.playing(Side.A)) {
        FramePlayer.Law law = call.audio.is(Codec.PCMA) ? FramePlayer.Law.PCMA : FramePlayer.Law.PCMU;
        call.relay.play(Side.A, new FramePlayer(waitingAudio.apply(call.queue), law), call.audio.payloadType());
      }
    } else {
      call.relay.stopPlaying(Side.A);
    }
    call.relay.held(call.held());
  }

  /**
   * An INFO in a call's dialog: a key press ({@code application/dtmf-relay} or {@code application/dtmf})
   * is published as {@code DtmfReceived}; a DTMF body that holds no key press gets 400, another body
   * 415, an INFO without a body (a keep-alive) 200.
   */
  private void info(BridgedCall call, Request request, ServerTransaction transaction, boolean fromCustomer)
      throws Exception {
    SipProvider provider = fromCustomer ? call.provider : call.agent == null ? call.provider : call.agent.provider;
    ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
    byte[] body = request.getRawContent();
    if (type == null || body == null || body.length == 0) {
      transaction.sendResponse(messages.inDialog(Response.OK, request, provider, null));
      return;
    }
    String contentType = type.getContentType() + "/" + type.getContentSubType();
    if (!SipInfoDtmf.carriesDtmf(contentType)) {
      Response unsupported = messages.inDialog(Response.UNSUPPORTED_MEDIA_TYPE, request, provider, null);
      unsupported.addHeader(headers.createAcceptHeader("application", "dtmf-relay"));
      unsupported.addHeader(headers.createAcceptHeader("application", "dtmf"));
      transaction.sendResponse(unsupported);
      return;
    }
    Optional<Digit> digit = SipInfoDtmf.read(contentType, SipMessages.body(request));
    if (digit.isEmpty()) {
      Response bad = messages.inDialog(Response.BAD_REQUEST, request, provider, null);
      bad.setReasonPhrase("No key press in the " + contentType + " body");
      transaction.sendResponse(bad);
      return;
    }
    transaction.sendResponse(messages.inDialog(Response.OK, request, provider, null));
    if (call.externalNumber != null) {
      return; // the call has left the contact center
    }
    String by = fromCustomer ? CUSTOMER : call.agent == null ? "agent" : call.agent.agentId;
    publishKey(call.tenantId, call.callId, by, digit.get());
  }

  /** A key pressed on one leg's phone, read by the relay from its RFC 4733 telephone-events. */
  @Override
  public void keyPressed(RelaySession session, Side side, Digit digit) {
    String by = side == Side.A ? CUSTOMER : session.b().participantId();
    if (by == null) {
      return; // the agent's phone has not answered: nothing it sends belongs to the call yet
    }
    BridgedCall call = byCallId.get(session.callId());
    if (call != null && call.externalNumber != null) {
      return; // transferred to a number: the call has left the contact center
    }
    publishKey(session.tenantId(), session.callId(), by, digit);
  }

  private void publishKey(String tenantId, String callId, String by, Digit digit) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, callId)) {
      log.info("Call {}: {} pressed {} ({})", callId, by, digit.key(), digit.source());
    }
    DtmfReceived pressed = new DtmfReceived(by, String.valueOf(digit.key()),
        digit.durationMs() > 0 ? digit.durationMs() : null,
        digit.source() == Digit.Source.SIP_INFO ? DtmfMethod.SIP_INFO : DtmfMethod.RFC4733);
    events.publish(tenantId, callId, pressed).exceptionally(failure -> {
      log.error("Call {}: DtmfReceived not published", callId, failure);
      return null;
    });
  }

  /** The caller's CANCEL or BYE: abandoned before an answer, ended after. */
  private void callerGone(BridgedCall call, String reason) {
    if (call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    boolean answered = call.phase == BridgedCall.Phase.CONNECTED;
    log.info("Call {}: {} ({})", call.callId, reason, answered ? "ended" : "abandoned in phase " + call.phase);
    if (call.agent != null) {
      if (call.agent.answered) {
        release(call.agent);
      } else {
        cancel(call.agent);
      }
    }
    if (!call.customerAnswered) {
      respondInvite(call, Response.REQUEST_TERMINATED, List.of());
    }
    close(call);
    publishEnd(call, new CallEnded(answered ? CallOutcome.ENDED : CallOutcome.ABANDONED, reason, CUSTOMER));
  }

  void agentHungUp(BridgedCall call) {
    if (call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    log.info("Call {}: {} {} hung up", call.callId, call.externalNumber != null ? "number" : "agent",
        call.agent.agentId);
    call.agent.gone = true;
    hangUpCustomer(call);
    close(call);
    publishEnd(call, new CallEnded(CallOutcome.ENDED, call.externalNumber != null ? "number hung up" : "agent hung up",
        call.agent.agentId));
  }

  /**
   * The call's {@code CallEnded}, unless it was transferred to a number: routing and call-state took that
   * {@code CallTransferred EXTERNAL} as its end (outcome TRANSFERRED), so nothing more is published.
   */
  void publishEnd(BridgedCall call, CallEnded ended) {
    if (call.externalNumber != null) {
      log.info("Call {}: over after its transfer to {} ({}); nothing published, the transfer ended it",
          call.callId, call.externalNumber, ended.getReason());
      return;
    }
    events.publish(call.tenantId, call.callId, ended).exceptionally(failure -> logged(call, "CallEnded", failure));
  }

  /** A let-go agent leg still up: BYE. */
  void release(BridgedCall.AgentLeg leg) {
    if (!leg.gone) {
      leg.gone = true;
      bye(leg.dialog, leg.provider);
    }
  }

  /** Runs {@code task} on the call, under its monitor, after {@code delay}, unless the call has ended. */
  void later(Duration delay, BridgedCall call, Runnable task) {
    try {
      timers.schedule(() -> {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
          synchronized (call) {
            if (call.phase != BridgedCall.Phase.ENDED) {
              task.run();
            }
          }
        } catch (RuntimeException e) {
          log.error("Call {}: a delayed step failed", call.callId, e);
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("Call {}: the bridge is stopping; a delayed step is dropped", call.callId);
    }
  }

  /** Stops the timers' thread (the context is closing; {@link #endAll} has ended the calls). */
  public void close() {
    timers.shutdownNow();
  }

  void refuseInDialog(ServerTransaction transaction, Request request, SipProvider provider, int status,
      String reason) throws Exception {
    Response response = messages.inDialog(status, request, provider, null);
    response.setReasonPhrase(reason.replaceAll("[\r\n]", " "));
    transaction.sendResponse(response);
  }

  static String sipCallIdOf(javax.sip.message.Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }

  // ---------------------------------------------------------------------------------------------
  // Callbacks

  /**
   * Routing made the waiting caller a callback: the caller is let go ({@code 480}, or BYE after a
   * transfer), {@code ParticipantLeft} says so, and the call is remembered to be dialled when routing
   * offers it ({@code RoutingOffered.callback}).
   */
  private void callbackScheduled(BridgedCall call) {
    if (call.phase != BridgedCall.Phase.QUEUED && call.phase != BridgedCall.Phase.RINGING) {
      return;
    }
    String number = call.callbackNumber != null ? call.callbackNumber : SipMessages.userOf(call.customerAddress);
    log.info("Call {}: a callback to {}; letting the caller go", call.callId, number);
    callbacks.put(call.callId, new PendingCallback(call.tenantId, call.callId, call.queue, number));
    if (call.agent != null) {
      cancel(call.agent);
      forgetAgent(call);
    }
    endCaller(call, Response.TEMPORARILY_UNAVAILABLE, List.of());
    events.publish(call.tenantId, call.callId, new ParticipantLeft(CUSTOMER, "callback scheduled"))
        .exceptionally(failure -> logged(call, "ParticipantLeft", failure));
  }

  /**
   * Routing offers a callback this instance holds: a relay session, then the agent's phone rung with
   * PCMU, PCMA and telephone-event; once it answers, the customer is dialled over the tenant's
   * outbound trunk with the agent's codec, the agent hearing ringback meanwhile.
   */
  private void dialCallback(PendingCallback callback, RoutingOffered offer, Map<String, PendingCallback> pending) {
    if (outboundTrunks.apply(callback.tenantId()).isEmpty()) {
      pending.remove(callback.callId());
      log.warn("Call {}: tenant {} has no outbound trunk; the callback to {} ends", callback.callId(),
          callback.tenantId(), callback.number());
      events.publish(callback.tenantId(), callback.callId(),
              new CallEnded(CallOutcome.FAILED, "no outbound trunk to call back on", null))
          .exceptionally(failure -> {
            log.error("Call {}: CallEnded not published", callback.callId(), failure);
            return null;
          });
      return;
    }
    RelaySession session;
    try {
      session = relay.open(callback.tenantId(), callback.callId(), this);
    } catch (PortsExhaustedException | java.io.UncheckedIOException e) {
      log.warn("Call {}: callback not dialled: {}", callback.callId(), e.getMessage());
      events.publish(callback.tenantId(), callback.callId(), new CallDeclined(offer.getAgentId(),
          offer.getReservationId(), "no media ports free"));
      return;
    }
    pending.remove(callback.callId());
    session.a().participantId(CUSTOMER);
    BridgedCall call = new BridgedCall(callback.tenantId(), callback.callId(), callback.queue(), session,
        callback.number(), messages.address("sip:" + callback.number() + "@" + rtpHost));
    byCallId.put(call.callId, call);
    metrics.callStarted();
    synchronized (call) {
      offered(call, offer);
      if (call.agent == null) {
        // Not rung (no phone, unreachable): declined, and the call waits for the next offer.
        pending.put(call.callId, callback);
        close(call);
      }
    }
  }

  /**
   * Whether this instance dials an agent's call out: the one that wrote the agent's bindings (its
   * phones registered there), so that of several instances exactly one does.
   */
  private boolean holdsPhoneOf(String tenantId, String agentId) {
    return bindings.current(tenantId, agentId, clock.instant())
        .filter(agent -> !agent.contacts().isEmpty())
        .map(agent -> instanceId.equals(agent.owner()))
        .orElse(false);
  }

  /** The agent answered a callback: the customer's number is INVITEd over the outbound trunk. */
  private void dialCustomer(BridgedCall call) {
    Optional<OutboundTrunk> trunk = outboundTrunks.apply(call.tenantId);
    if (trunk.isEmpty()) {
      callbackFailed(call, "no outbound trunk");
      return;
    }
    List<Codec> codecs = new ArrayList<>(List.of(call.audio));
    if (call.telephoneEvent != null) {
      codecs.add(call.telephoneEvent);
    }
    SessionDescription sdp = OfferAnswer.offer(origin(),
        new OfferAnswer.Local(rtpHost, call.relay.a().localRtpPort()), codecs, Direction.SENDRECV);
    try {
      OutboundTrunk outbound = trunk.get();
      SipProvider provider = endpoints.get().provider(outbound.transport());
      Request invite = trunkInvite(outbound, provider, call.callbackNumber, call.callId, sdp.toString());
      ClientTransaction transaction = provider.getNewClientTransaction(invite);
      call.customerDialog = provider.getNewDialog(transaction);
      call.customerSipCallId = sipCallIdOf(invite);
      call.customerDialing = transaction;
      call.provider = provider;
      call.customerAnswer = sdp;
      call.customerOrigin = sdp.origin();
      call.customerSession.sdp = sdp.toString();
      bySipCallId.put(call.customerSipCallId, call);
      transaction.sendRequest();
      log.info("Call {}: calling back {} through trunk {}", call.callId, call.callbackNumber, outbound.trunkId());
      FramePlayer.Law law = call.audio.is(Codec.PCMA) ? FramePlayer.Law.PCMA : FramePlayer.Law.PCMU;
      call.relay.play(Side.B, new FramePlayer(waitingAudio.apply(call.queue), law), call.audio.payloadType());
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
      log.warn("Call {}: the callback to {} cannot be dialled: {}", call.callId, call.callbackNumber, e.getMessage());
      call.customerDialing = null;
      callbackFailed(call, "not dialled: " + e.getMessage());
    }
  }

  /**
   * The customer's answers to a callback's INVITE: a provisional one with SDP is early media (the
   * carrier's ringback reaches the agent); 200 connects the legs; a refusal ends the call.
   */
  private boolean customerAnswers(BridgedCall call, ResponseEvent event, CSeqHeader cseq) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        if (call.customerDialing == null || event.getClientTransaction() != call.customerDialing) {
          return false;
        }
        Response response = event.getResponse();
        int status = response.getStatusCode();
        Dialog dialog = event.getDialog() != null ? event.getDialog() : call.customerDialog;
        if (status < 200) {
          call.customerProvisional = true;
          if (call.customerCancelWanted) {
            cancelCustomer(call);
          } else if (response.getRawContent() != null && response.getRawContent().length > 0) {
            customerMedia(call, response);
          }
          return true;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
            && !call.customerCancelled && !call.customerChallenged && answerChallenge(call, response)) {
          return true;
        }
        call.customerDialing = null;
        if (status >= 300) {
          if (!call.customerCancelled) {
            callbackFailed(call, status + " " + response.getReasonPhrase());
          }
          return true;
        }
        ack(dialog, cseq);
        if (call.customerCancelled || call.phase == BridgedCall.Phase.ENDED) {
          bye(dialog, call.provider);
          return true;
        }
        call.customerDialog = dialog;
        if (!customerMedia(call, response)) {
          bye(dialog, call.provider);
          callbackFailed(call, "488 the customer's answer is unusable");
          return true;
        }
        call.customerAnswered = true;
        call.relay.stopPlaying(Side.B);
        call.customerSession.timer = SessionTimer.fromAnswer(response);
        sessions.arm(call, call.customerSession, Side.A);
        log.info("Call {}: {} answered the callback; legs bridged", call.callId, call.callbackNumber);
        return true;
      }
    }
  }

  /**
   * The outbound trunk's provider challenged the INVITE (401/407): it is sent again, once, with the
   * trunk's username and password (RFC 3261 22.2, MD5 digest by JAIN-SIP's helper). False when the
   * trunk has no credentials or the retry cannot be sent.
   */
  private boolean answerChallenge(BridgedCall call, Response challenge) {
    call.customerChallenged = true;
    ClientTransaction retry = trunkChallenge(call.tenantId, challenge, call.customerDialing, call.provider);
    if (retry == null) {
      return false;
    }
    try {
      call.customerDialing = retry;
      call.customerProvisional = false;
      // The challenge ended the first INVITE's early dialog; the retry's answer makes the dialog.
      call.customerDialog = call.provider.getNewDialog(retry);
      retry.sendRequest();
      return true;
    } catch (SipException | RuntimeException e) {
      log.warn("Call {}: the callback's INVITE with credentials not sent: {}", call.callId, e.getMessage());
      return false;
    }
  }

  /**
   * The INVITE of {@code number} over the outbound trunk (a callback's customer, a transfer's number):
   * {@code sip:<number>@<host>:<port>} (with {@code ;transport=tcp} on a TCP trunk), From the trunk's
   * username at its host, with the bridge's offer.
   */
  Request trunkInvite(OutboundTrunk outbound, SipProvider provider, String number, String callId, String sdp)
      throws ParseException, javax.sip.InvalidArgumentException {
    String target = "sip:" + number + "@" + outbound.host() + ":" + outbound.port()
        + ("tcp".equalsIgnoreCase(outbound.transport()) ? ";transport=tcp" : "");
    javax.sip.address.Address from = messages.address("sip:"
        + (outbound.username() != null ? outbound.username() : "switchboard") + "@" + outbound.host());
    Request invite = messages.inviteAgent(target, target, from, callId, sdp, provider);
    offerSessionTimer(invite);
    return invite;
  }

  /**
   * RFC 4028 on an INVITE the bridge sends (an agent's phone, a number over a trunk): {@code Supported:
   * timer}, {@code Session-Expires} and {@code Min-SE}; the 2xx decides the leg's timer.
   */
  private void offerSessionTimer(Request invite) throws ParseException, javax.sip.InvalidArgumentException {
    invite.addHeader(headers.createSupportedHeader(SessionTimer.TIMER));
    invite.setHeader(((HeaderFactoryExt) headers).createSessionExpiresHeader(sessionExpires));
    invite.setHeader(headers.createHeader(SessionTimer.MIN_SE, Integer.toString(minSessionExpires)));
  }

  /**
   * The outbound trunk's provider challenged an INVITE (401/407): the same INVITE with the trunk's
   * username and password (RFC 3261 22.2, MD5 digest by JAIN-SIP's helper), not sent yet. Null when the
   * trunk has no credentials or the retry cannot be made.
   */
  ClientTransaction trunkChallenge(String tenantId, Response challenge, ClientTransaction challenged,
      SipProvider provider) {
    Optional<OutboundTrunk> trunk = outboundTrunks.apply(tenantId);
    if (trunk.isEmpty() || trunk.get().username() == null || trunk.get().password() == null) {
      return null;
    }
    OutboundTrunk outbound = trunk.get();
    try {
      gov.nist.javax.sip.clientauthutils.AuthenticationHelper helper =
          ((gov.nist.javax.sip.SipStackExt) provider.getSipStack()).getAuthenticationHelper(
              (transaction, realm) -> new gov.nist.javax.sip.clientauthutils.UserCredentials() {
                @Override
                public String getUserName() {
                  return outbound.username();
                }

                @Override
                public String getPassword() {
                  return outbound.password();
                }

                @Override
                public String getSipDomain() {
                  return realm;
                }
              }, headers);
      ClientTransaction retry = helper.handleChallenge(challenge, challenged, provider, 5, true);
      log.info("Trunk {} challenged an INVITE; sending it again with its credentials", outbound.trunkId());
      return retry;
    } catch (SipException | RuntimeException e) {
      log.warn("The trunk's challenge cannot be answered: {}", e.getMessage());
      return null;
    }
  }

  /** The customer's SDP answer becomes leg A's address; false when it is unusable. */
  private boolean customerMedia(BridgedCall call, Response response) {
    try {
      OfferAnswer.Negotiated media = OfferAnswer.accept(SessionDescription.parse(SipMessages.body(response)),
          call.customerAnswer.media().get(0).codecs());
      call.relay.a().signal(new InetSocketAddress(media.remoteAddress(), media.remotePort()));
      call.relay.stopPlaying(Side.B);
      return true;
    } catch (SdpException | RuntimeException e) {
      log.warn("Call {}: the customer's SDP is unusable: {}", call.callId, e.getMessage());
      return false;
    }
  }

  /** The customer could not be reached: the agent's phone hung up and {@code CallEnded FAILED}. */
  private void callbackFailed(BridgedCall call, String why) {
    if (call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    log.info("Call {}: the callback to {} failed ({})", call.callId, call.callbackNumber, why);
    if (call.agent != null) {
      if (call.agent.answered) {
        release(call.agent);
      } else {
        cancel(call.agent);
      }
    }
    close(call);
    events.publish(call.tenantId, call.callId, new CallEnded(CallOutcome.FAILED, "callback not answered: " + why, null))
        .exceptionally(failure -> logged(call, "CallEnded", failure));
  }

  /** CANCEL of a callback's INVITE to the customer; after its first provisional response (RFC 3261 9.1). */
  private void cancelCustomer(BridgedCall call) {
    if (call.customerDialing == null || call.customerCancelled) {
      return;
    }
    if (!call.customerProvisional) {
      call.customerCancelWanted = true;
      return;
    }
    call.customerCancelled = true;
    try {
      call.provider.getNewClientTransaction(call.customerDialing.createCancel()).sendRequest();
    } catch (SipException e) {
      log.warn("Call {}: CANCEL towards the customer not sent: {}", call.callId, e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Responses to the bridge's own requests

  @Override
  public void response(ResponseEvent event) {
    Response response = event.getResponse();
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    if (cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
      return;
    }
    String sipCallId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
    BridgedCall call = bySipCallId.get(sipCallId);
    if (call != null && call.outbound && sipCallId.equals(call.customerSipCallId)
        && customerAnswers(call, event, cseq)) {
      return;
    }
    if (call != null && sessions.refreshAnswered(call, sipCallId, event, cseq)) {
      return;
    }
    if (call != null && transfers.transferDialAnswers(call, sipCallId, event, cseq)) {
      return;
    }
    BridgedCall.AgentLeg leg = call == null ? null : legOf(call, sipCallId);
    if (leg == null) {
      BridgedCall.AgentLeg cancelling = pendingCancels.get(sipCallId);
      if (cancelling != null) {
        cancelledLegAnswers(cancelling, event, cseq);
      } else if (response.getStatusCode() / 100 == 2) {
        strayAnswer(event, cseq);
      }
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        if (legOf(call, sipCallId) != leg) {
          return;
        }
        int status = response.getStatusCode();
        if (status < 200) {
          leg.provisional = true;
          if (leg.cancelWanted) {
            cancel(leg);
          }
        } else if (status < 300) {
          if (leg != call.agent && !leg.answered) {
            // Ring-all: this phone answered first; the others stop ringing.
            call.alsoRinging.remove(leg);
            BridgedCall.AgentLeg first = call.agent;
            cancelRinging(call);
            if (first != null) {
              bySipCallId.remove(first.sipCallId);
            }
            call.agent = leg;
            bySipCallId.put(leg.sipCallId, call);
          }
          agentAnswered(call, leg, event, cseq);
        } else if (!leg.cancelled) {
          dropRinging(call, leg);
          log.info("Call {}: agent {}'s phone answered {} {}", call.callId, leg.agentId, status,
              response.getReasonPhrase());
          declined(call, leg.agentId, leg.reservationId, status + " " + response.getReasonPhrase());
        }
      }
    }
  }

  /** The agent leg of {@code sipCallId}: the call's agent, or one of a ring-all's other phones. */
  private static BridgedCall.AgentLeg legOf(BridgedCall call, String sipCallId) {
    if (call.agent != null && call.agent.sipCallId.equals(sipCallId)) {
      return call.agent;
    }
    return call.alsoRinging.stream().filter(leg -> leg.sipCallId.equals(sipCallId)).findFirst().orElse(null);
  }

  /**
   * A response to an INVITE the bridge cancelled before its first provisional response, its call gone
   * or moved on: the CANCEL goes now (RFC 3261 9.1); a 200 that crossed it is acknowledged and hung up.
   */
  private void cancelledLegAnswers(BridgedCall.AgentLeg leg, ResponseEvent event, CSeqHeader cseq) {
    synchronized (leg) {
      int status = event.getResponse().getStatusCode();
      if (status < 200) {
        leg.provisional = true;
        if (!leg.cancelled) {
          leg.cancelled = true;
          pendingCancels.remove(leg.sipCallId);
          try {
            leg.provider.getNewClientTransaction(leg.invite.createCancel()).sendRequest();
          } catch (SipException e) {
            log.warn("CANCEL towards agent {} not sent: {}", leg.agentId, e.getMessage());
          }
        }
        return;
      }
      pendingCancels.remove(leg.sipCallId);
      if (status < 300) {
        strayAnswer(event, cseq);
      }
    }
  }

  private void agentAnswered(BridgedCall call, BridgedCall.AgentLeg leg, ResponseEvent event, CSeqHeader cseq) {
    Dialog dialog = event.getDialog() != null ? event.getDialog() : leg.dialog;
    if (leg.answered) {
      return; // a retransmitted 200: the stack has acknowledged it again
    }
    ack(dialog, cseq);
    if (leg.cancelled || call.phase == BridgedCall.Phase.ENDED) {
      // The 200 crossed our CANCEL (RFC 3261 9.1): the agent answered a call that is gone.
      log.info("Call {}: agent {} answered after the offer ended; hanging up its phone", call.callId, leg.agentId);
      bye(dialog, leg.provider);
      return;
    }
    OfferAnswer.Negotiated agentMedia;
    try {
      agentMedia = OfferAnswer.accept(SessionDescription.parse(SipMessages.body(event.getResponse())), leg.offered);
    } catch (SdpException e) {
      log.warn("Call {}: agent {}'s answer is unusable ({}); hanging up its phone", call.callId, leg.agentId,
          e.getMessage());
      bye(dialog, leg.provider);
      forgetAgent(call);
      call.phase = BridgedCall.Phase.QUEUED;
      declined(call, leg.agentId, leg.reservationId, "488 " + e.getMessage());
      return;
    }
    leg.answered = true;
    if (call.audio == null) {
      // A callback: the agent's phone chose the codec the customer is offered.
      call.audio = agentMedia.audio();
      call.telephoneEvent = agentMedia.telephoneEvent();
      call.relay.payloadType(call.audio.payloadType(), call.audio.name(), call.audio.clockRate());
      if (call.telephoneEvent != null) {
        call.relay.payloadType(call.telephoneEvent.payloadType(), call.telephoneEvent.name(),
            call.telephoneEvent.clockRate());
        call.relay.telephoneEvents(call.telephoneEvent.payloadType(), call.telephoneEvent.clockRate());
      }
    }
    leg.session.timer = SessionTimer.fromAnswer(event.getResponse());
    sessions.arm(call, leg.session, Side.B);
    call.relay.b().signal(new InetSocketAddress(agentMedia.remoteAddress(), agentMedia.remotePort()));
    call.relay.b().participantId(leg.agentId);
    call.relay.stopPlaying(Side.A);
    if (call.outbound && call.customerDialog == null) {
      dialCustomer(call);
    } else if (!call.customerAnswered) {
      respondInvite(call, Response.OK, List.of());
      call.customerAnswered = true;
    }
    call.phase = BridgedCall.Phase.CONNECTED;
    holdRelay(call);
    metrics.callAnswered();
    log.info("Call {}: agent {} answered; legs bridged", call.callId, leg.agentId);
    events.publish(call.tenantId, call.callId, new CallAnswered(leg.agentId, leg.reservationId))
        .exceptionally(failure -> logged(call, "CallAnswered", failure));
  }

  /** A 200 for an INVITE the bridge no longer wants (its call is gone): acknowledged, then hung up. */
  private void strayAnswer(ResponseEvent event, CSeqHeader cseq) {
    Dialog dialog = event.getDialog();
    if (dialog == null) {
      log.warn("A 200 for a forgotten INVITE (Call-ID {}) has no dialog to hang up",
          ((CallIdHeader) event.getResponse().getHeader(CallIdHeader.NAME)).getCallId());
      return;
    }
    ack(dialog, cseq);
    try {
      bye(dialog, (SipProvider) event.getSource());
    } catch (RuntimeException e) {
      log.debug("BYE of a stray dialog not sent: {}", e.getMessage());
    }
  }

  @Override
  public void timeout(TimeoutEvent event) {
    ClientTransaction transaction = event.getClientTransaction();
    if (transaction == null || !Request.INVITE.equals(transaction.getRequest().getMethod())) {
      return;
    }
    String sipCallId = ((CallIdHeader) transaction.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
    pendingCancels.remove(sipCallId);
    BridgedCall call = bySipCallId.get(sipCallId);
    if (call == null) {
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        if (call.customerDialing == transaction) {
          call.customerDialing = null;
          callbackFailed(call, "408 Request Timeout");
          return;
        }
        if (call.transferDial != null && call.transferDial.invite == transaction) {
          log.info("Call {}: {} did not answer the transfer's INVITE", call.callId, call.transferDial.agentId);
          bySipCallId.remove(call.transferDial.sipCallId);
          call.transferDial = null;
          transfers.transferFailed(call, Response.REQUEST_TIMEOUT, "Request Timeout");
          return;
        }
        BridgedCall.LegSession session = SessionRefresh.sessionOf(call, sipCallId);
        if (session != null && session.refreshing == transaction) {
          session.refreshing = null;
          sessions.sessionOver(call, session == call.customerSession ? Side.A : Side.B, "refresh not answered");
          return;
        }
        BridgedCall.AgentLeg leg = legOf(call, sipCallId);
        if (leg == null || leg.invite != transaction || leg.answered || leg.cancelled) {
          return;
        }
        log.info("Call {}: agent {}'s phone did not answer the INVITE", call.callId, leg.agentId);
        dropRinging(call, leg);
        declined(call, leg.agentId, leg.reservationId, "408 Request Timeout");
      }
    }
  }

  @Override
  public void dialogTerminated(DialogTerminatedEvent event) {
    // Calls end through BYE, CANCEL and the relay; the dialogs' own end needs nothing more.
  }

  // ---------------------------------------------------------------------------------------------
  // The relay and the bridge's own end

  @Override
  public void ended(RelaySession session, EndReason reason) {
    BridgedCall call = byCallId.get(session.callId());
    if (call == null) {
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        if (call.phase == BridgedCall.Phase.ENDED) {
          return;
        }
        String who = reason.side() == Side.A ? CUSTOMER : call.agent == null ? "agent" : call.agent.agentId;
        log.warn("Call {}: {} ({}); ending both legs", call.callId, reason.description(), who);
        hangUp(call, Response.REQUEST_TIMEOUT);
        publishEnd(call, new CallEnded(CallOutcome.FAILED, reason.code() + ": no media from " + who, null));
      }
    }
  }

  /** Each leg's RTCP figures, every quality interval, to {@code quality.events}. */
  @Override
  public void quality(RelaySession session, LegQuality figures) {
    quality.publish(figures);
  }

  /** Ends every call this instance holds (the bridge is stopping): BYE, CANCEL or 503, and CallEnded FAILED. */
  void endAll(String reason) {
    accepting = false;
    for (BridgedCall call : List.copyOf(byCallId.values())) {
      try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
        synchronized (call) {
          if (call.phase == BridgedCall.Phase.ENDED) {
            continue;
          }
          hangUp(call, Response.SERVICE_UNAVAILABLE);
          publishEnd(call, new CallEnded(CallOutcome.FAILED, reason, null));
        }
      }
    }
  }

  /** Both legs hung up without an event: BYE where answered, CANCEL where ringing, {@code status} to an unanswered caller. */
  void hangUp(BridgedCall call, int status) {
    if (call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    if (call.agent != null) {
      if (call.agent.answered) {
        release(call.agent);
      } else {
        cancel(call.agent);
      }
    }
    endCaller(call, status, List.of());
  }

  /** The caller's leg ended and the call closed: BYE once its INVITE is answered, else {@code status} to it. */
  private void endCaller(BridgedCall call, int status, List<Header> extra) {
    if (call.customerAnswered || call.outbound) {
      hangUpCustomer(call);
      close(call);
    } else {
      finish(call, status, extra);
    }
  }

  /** The customer's leg hung up: BYE once answered; a callback's customer still ringing is cancelled. */
  private void hangUpCustomer(BridgedCall call) {
    if (call.customerAnswered) {
      bye(call.customerDialog, call.provider);
    } else if (call.outbound) {
      cancelCustomer(call);
    }
  }

  /** The caller's INVITE answered {@code status} (an unanswered call's end) and the call closed. */
  private void finish(BridgedCall call, int status, List<Header> extra) {
    respondInvite(call, status, extra);
    close(call);
  }

  private void respondInvite(BridgedCall call, int status, List<Header> extra) {
    if (call.customerInvite == null) {
      return; // a callback: the bridge sent the customer's INVITE
    }
    try {
      String sdp = status == Response.OK ? call.customerAnswer.toString() : null;
      Response response = messages.toCustomer(status, call.customerRequest(), call.customerTag, call.provider, sdp);
      for (Header header : extra) {
        response.addHeader(header);
      }
      if (status == Response.OK) {
        sessions.sessionHeaders(response, call.customerSession.timer);
        sessions.arm(call, call.customerSession, Side.A);
      }
      call.customerInvite.sendResponse(response);
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
      log.warn("Call {}: {} to the caller not sent: {}", call.callId, status, e.getMessage());
    }
  }

  private void close(BridgedCall call) {
    call.phase = BridgedCall.Phase.ENDED;
    call.relay.close();
    byCallId.remove(call.callId);
    if (call.customerSipCallId != null) {
      bySipCallId.remove(call.customerSipCallId);
    }
    if (call.agent != null) {
      bySipCallId.remove(call.agent.sipCallId);
    }
    for (BridgedCall.AgentLeg released : call.releasedLegs) {
      release(released);
      bySipCallId.remove(released.sipCallId);
    }
    for (BridgedCall.AgentLeg ringing : call.alsoRinging) {
      cancel(ringing);
      bySipCallId.remove(ringing.sipCallId);
    }
    call.alsoRinging.clear();
    transfers.dropTransferDial(call); // a transfer's number still ringing: CANCEL
    metrics.callEnded();
  }

  private void forgetAgent(BridgedCall call) {
    if (call.agent != null) {
      bySipCallId.remove(call.agent.sipCallId);
      call.agent = null;
    }
  }

  private void declined(BridgedCall call, String agentId, String reservationId, String reason) {
    events.publish(call.tenantId, call.callId, new CallDeclined(agentId, reservationId, reason))
        .exceptionally(failure -> logged(call, "CallDeclined", failure));
  }

  // ---------------------------------------------------------------------------------------------
  // SIP plumbing

  /** CANCEL of a ringing agent INVITE; before its first provisional response, once that arrives (RFC 3261 9.1). */
  void cancel(BridgedCall.AgentLeg leg) {
    if (leg.cancelled || leg.answered) {
      return;
    }
    if (!leg.provisional) {
      leg.cancelWanted = true;
      pendingCancels.put(leg.sipCallId, leg);
      return;
    }
    pendingCancels.remove(leg.sipCallId);
    leg.cancelled = true;
    try {
      Request cancel = leg.invite.createCancel();
      leg.provider.getNewClientTransaction(cancel).sendRequest();
    } catch (SipException e) {
      log.warn("CANCEL towards agent {} not sent: {}", leg.agentId, e.getMessage());
    }
  }

  void ack(Dialog dialog, CSeqHeader cseq) {
    try {
      dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
    } catch (SipException | javax.sip.InvalidArgumentException e) {
      log.warn("ACK not sent: {}", e.getMessage());
    }
  }

  void bye(Dialog dialog, SipProvider provider) {
    try {
      Request bye = dialog.createRequest(Request.BYE);
      bye.setHeader(headers.createUserAgentHeader(List.of(SipMessages.PRODUCT)));
      ClientTransaction transaction = provider.getNewClientTransaction(bye);
      dialog.sendRequest(transaction);
    } catch (SipException | ParseException e) {
      log.warn("BYE not sent: {}", e.getMessage());
    }
  }

  private void refuse(SipExchange exchange, int status, String reason, List<Header> extra) throws Exception {
    Response response = messages.plain(status, exchange.request());
    if (reason != null && !reason.isBlank()) {
      response.setReasonPhrase(reason.replaceAll("[\\r\\n]", " "));
    }
    for (Header header : extra) {
      response.addHeader(header);
    }
    exchange.send(response);
  }

  private List<Header> retryAfter(int seconds) {
    try {
      return List.of(headers.createRetryAfterHeader(seconds));
    } catch (javax.sip.InvalidArgumentException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Header warning(String text) {
    try {
      // 305 Incompatible media format (RFC 3261 20.43).
      return headers.createWarningHeader(endpoints.get().host(), 305, text.replace('"', '\''));
    } catch (ParseException | javax.sip.InvalidArgumentException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static SessionDescription offer(Request invite) throws SdpException {
    ContentTypeHeader type = (ContentTypeHeader) invite.getHeader(ContentTypeHeader.NAME);
    byte[] body = invite.getRawContent();
    if (type == null || body == null || body.length == 0) {
      throw new SdpException.NoCommonCodec("An INVITE without an SDP offer is not taken: offer PCMU or PCMA");
    }
    if (!"application".equalsIgnoreCase(type.getContentType()) || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
      throw new SdpException.NoCommonCodec("The body is " + type.getContentType() + "/" + type.getContentSubType()
          + ", not application/sdp");
    }
    return SessionDescription.parse(SipMessages.body(invite));
  }

  SessionDescription.Origin origin() {
    return new SessionDescription.Origin("switchboard",
        Long.toUnsignedString(ThreadLocalRandom.current().nextLong() >>> 1), 1, "IP4", rtpHost);
  }

  /** Where the packet came from, as the transport saw it (not what its headers claim). */
  private static InetSocketAddress source(Request request) {
    SIPMessage message = (SIPMessage) request;
    return new InetSocketAddress(message.getRemoteAddress(), message.getRemotePort());
  }

  /** The reason a rejected call's CallEnded gives, in the gateway's words for its own calls. */
  static String reason(QueueLimit limit) {
    return switch (limit) {
      case CAPACITY -> "queue full";
      case MAX_WAIT -> "maximum wait reached";
      case NO_AGENT -> "no agent available";
      case UNKNOWN_QUEUE -> "unknown queue";
    };
  }

  static Void logged(BridgedCall call, String what, Throwable failure) {
    log.error("Call {}: {} not published", call.callId, what, failure);
    return null;
  }
}
