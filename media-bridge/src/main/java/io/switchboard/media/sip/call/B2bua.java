package io.switchboard.media.sip.call;

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
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.QueueLimit;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingRejected;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

  /** Both legs' SIP Call-IDs → their call. */
  private final Map<String, BridgedCall> bySipCallId = new ConcurrentHashMap<>();
  /** Switchboard call id → call. */
  private final Map<String, BridgedCall> byCallId = new ConcurrentHashMap<>();
  private volatile boolean accepting;

  B2bua(InboundRoutes routes, RtpRelay relay, String rtpHost, Supplier<SipEndpoints> endpoints, BindingTable bindings,
      SipMessages messages, HeaderFactory headers, CallEventPublisher events, Function<String, Samples> waitingAudio,
      Clock clock, String instanceId, B2buaMetrics metrics, QualityEventPublisher quality) {
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
  }

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
    String callId = UUID.randomUUID().toString();
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, callId)) {
      start(exchange, accepted, offer, callId, provider, transaction);
    }
  }

  private void start(SipExchange exchange, InboundRoutes.Accepted route, SessionDescription offer, String callId,
      SipProvider provider, ServerTransaction transaction) throws Exception {
    Request invite = exchange.request();
    RelaySession session;
    try {
      session = relay.open(route.tenantId(), callId, this);
    } catch (PortsExhaustedException e) {
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
    if (call == null || !call.tenantId.equals(decision.getTenantId())) {
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        Object payload = decision.getPayload();
        if (payload instanceof RoutingOffered offered) {
          offered(call, offered);
        } else if (payload instanceof ReservationTimedOut timedOut) {
          withdraw(call, timedOut.getReservationId(), "reservation timed out");
        } else if (payload instanceof OfferRescinded rescinded) {
          withdraw(call, rescinded.getReservationId(), "offer rescinded");
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
        || !(payload instanceof CallEnded || payload instanceof CallHeld || payload instanceof CallResumed)) {
      return;
    }
    BridgedCall call = byCallId.get(event.getCallId());
    if (call == null || !call.tenantId.equals(event.getTenantId())) {
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        if (payload instanceof CallEnded ended) {
          log.info("Call {} ended by {} ({}): hanging up", call.callId, event.getSource(), ended.getOutcome());
          hangUp(call, Response.TEMPORARILY_UNAVAILABLE);
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
    if (call.phase != BridgedCall.Phase.QUEUED || call.agent != null) {
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
    List<Codec> codecs = new ArrayList<>(List.of(call.audio));
    if (call.telephoneEvent != null) {
      codecs.add(call.telephoneEvent);
    }
    SessionDescription sdp = OfferAnswer.offer(origin(),
        new OfferAnswer.Local(rtpHost, call.relay.b().localRtpPort()), codecs, Direction.SENDRECV);
    try {
      SipProvider provider = endpoints.get().provider(SipMessages.transportOfUri(contact.get().contact()));
      Request invite = messages.inviteAgent(contact.get().contact(), agent.aor(), call.customerAddress, call.callId,
          sdp.toString(), provider);
      ClientTransaction transaction = provider.getNewClientTransaction(invite);
      Dialog dialog = provider.getNewDialog(transaction);
      String sipCallId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
      BridgedCall.AgentLeg leg = new BridgedCall.AgentLeg(agentId, offer.getReservationId(), sipCallId,
          transaction, dialog, codecs, provider, sdp.origin());
      call.agent = leg;
      call.phase = BridgedCall.Phase.RINGING;
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
    BridgedCall.AgentLeg leg = call.agent;
    if (leg == null || !leg.reservationId.equals(reservationId) || leg.answered) {
      return;
    }
    log.info("Call {}: {} for agent {}; cancelling its INVITE", call.callId, why, leg.agentId);
    cancel(leg);
    forgetAgent(call);
    call.phase = BridgedCall.Phase.QUEUED;
  }

  private void rejected(BridgedCall call, QueueLimit limit) {
    if (call.phase == BridgedCall.Phase.CONNECTED || call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    int status = switch (limit) {
      case CAPACITY -> Response.SERVICE_UNAVAILABLE;
      case MAX_WAIT -> Response.BUSY_HERE;
      case NO_AGENT -> Response.TEMPORARILY_UNAVAILABLE;
      case UNKNOWN_QUEUE -> Response.NOT_FOUND;
    };
    log.info("Call {}: queue {} rejected it ({}); answering {}", call.callId, call.queue, limit, status);
    if (call.agent != null) {
      cancel(call.agent);
    }
    finish(call, status, limit == QueueLimit.CAPACITY ? retryAfter(60) : List.of());
    events.publish(call.tenantId, call.callId, new CallEnded(CallOutcome.FAILED, reason(limit), null))
        .exceptionally(failure -> logged(call, "CallEnded", failure));
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
        boolean fromCustomer = call.customerSipCallId.equals(
            ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
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
            } else if (call.agent != null && call.agent.answered) {
              agentHungUp(call);
            }
            return true;
          case Request.INVITE:
            if (transaction == null) {
              return false;
            }
            reInvite(call, request, transaction, fromCustomer);
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
    if (call.phase != BridgedCall.Phase.CONNECTED || (!fromCustomer && (leg == null || !leg.answered))) {
      // RFC 3261 14.2: the first INVITE is not answered yet.
      Response busy = messages.inDialog(Response.SERVER_INTERNAL_ERROR, request, call.provider, null);
      retryAfter(1).forEach(busy::addHeader);
      transaction.sendResponse(busy);
      return;
    }
    SipProvider provider = fromCustomer ? call.provider : leg.provider;
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
    transaction.sendResponse(messages.inDialog(Response.OK, request, provider, answer.description().toString()));
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
    Object event = call.held() ? new CallHeld(by) : new CallResumed(by);
    events.publish(call.tenantId, call.callId, event)
        .exceptionally(failure -> logged(call, event.getClass().getSimpleName(), failure));
  }

  private void holdRelay(BridgedCall call) {
    boolean agentSide = call.heldByAgent || call.heldByService;
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
        bye(call.agent.dialog, call.agent.provider);
      } else {
        cancel(call.agent);
      }
    }
    if (!answered) {
      respondInvite(call, Response.REQUEST_TERMINATED, List.of());
    }
    close(call);
    events.publish(call.tenantId, call.callId,
            new CallEnded(answered ? CallOutcome.ENDED : CallOutcome.ABANDONED, reason, CUSTOMER))
        .exceptionally(failure -> logged(call, "CallEnded", failure));
  }

  private void agentHungUp(BridgedCall call) {
    if (call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    log.info("Call {}: agent {} hung up", call.callId, call.agent.agentId);
    bye(call.customerDialog, call.provider);
    close(call);
    events.publish(call.tenantId, call.callId, new CallEnded(CallOutcome.ENDED, "agent hung up", call.agent.agentId))
        .exceptionally(failure -> logged(call, "CallEnded", failure));
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
    BridgedCall.AgentLeg leg = call == null ? null : call.agent;
    if (leg == null || !leg.sipCallId.equals(sipCallId)) {
      if (response.getStatusCode() / 100 == 2) {
        strayAnswer(event, cseq);
      }
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        if (call.agent != leg) {
          return;
        }
        int status = response.getStatusCode();
        if (status < 200) {
          leg.provisional = true;
          if (leg.cancelWanted) {
            cancel(leg);
          }
        } else if (status < 300) {
          agentAnswered(call, leg, event, cseq);
        } else if (!leg.cancelled) {
          forgetAgent(call);
          call.phase = BridgedCall.Phase.QUEUED;
          log.info("Call {}: agent {}'s phone answered {} {}", call.callId, leg.agentId, status,
              response.getReasonPhrase());
          declined(call, leg.agentId, leg.reservationId, status + " " + response.getReasonPhrase());
        }
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
    call.relay.b().signal(new InetSocketAddress(agentMedia.remoteAddress(), agentMedia.remotePort()));
    call.relay.b().participantId(leg.agentId);
    call.relay.stopPlaying(Side.A);
    respondInvite(call, Response.OK, List.of());
    call.phase = BridgedCall.Phase.CONNECTED;
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
    BridgedCall call = bySipCallId.get(sipCallId);
    if (call == null) {
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        BridgedCall.AgentLeg leg = call.agent;
        if (leg == null || leg.invite != transaction || leg.answered || leg.cancelled) {
          return;
        }
        log.info("Call {}: agent {}'s phone did not answer the INVITE", call.callId, leg.agentId);
        forgetAgent(call);
        call.phase = BridgedCall.Phase.QUEUED;
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
        events.publish(call.tenantId, call.callId,
                new CallEnded(CallOutcome.FAILED, reason.code() + ": no media from " + who, null))
            .exceptionally(failure -> logged(call, "CallEnded", failure));
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
          events.publish(call.tenantId, call.callId, new CallEnded(CallOutcome.FAILED, reason, null))
              .exceptionally(failure -> logged(call, "CallEnded", failure));
        }
      }
    }
  }

  /** Both legs hung up without an event: BYE where answered, CANCEL where ringing, {@code status} to an unanswered caller. */
  private void hangUp(BridgedCall call, int status) {
    if (call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    if (call.agent != null) {
      if (call.agent.answered) {
        bye(call.agent.dialog, call.agent.provider);
      } else {
        cancel(call.agent);
      }
    }
    if (call.phase == BridgedCall.Phase.CONNECTED) {
      bye(call.customerDialog, call.provider);
      close(call);
    } else {
      finish(call, status, List.of());
    }
  }

  /** The caller's INVITE answered {@code status} (an unanswered call's end) and the call closed. */
  private void finish(BridgedCall call, int status, List<Header> extra) {
    respondInvite(call, status, extra);
    close(call);
  }

  private void respondInvite(BridgedCall call, int status, List<Header> extra) {
    try {
      String sdp = status == Response.OK ? call.customerAnswer.toString() : null;
      Response response = messages.toCustomer(status, call.customerRequest(), call.customerTag, call.provider, sdp);
      for (Header header : extra) {
        response.addHeader(header);
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
    bySipCallId.remove(call.customerSipCallId);
    if (call.agent != null) {
      bySipCallId.remove(call.agent.sipCallId);
    }
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
  private void cancel(BridgedCall.AgentLeg leg) {
    if (leg.cancelled || leg.answered) {
      return;
    }
    if (!leg.provisional) {
      leg.cancelWanted = true;
      return;
    }
    leg.cancelled = true;
    try {
      Request cancel = leg.invite.createCancel();
      leg.provider.getNewClientTransaction(cancel).sendRequest();
    } catch (SipException e) {
      log.warn("CANCEL towards agent {} not sent: {}", leg.agentId, e.getMessage());
    }
  }

  private void ack(Dialog dialog, CSeqHeader cseq) {
    try {
      dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
    } catch (SipException | javax.sip.InvalidArgumentException e) {
      log.warn("ACK not sent: {}", e.getMessage());
    }
  }

  private void bye(Dialog dialog, SipProvider provider) {
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

  private SessionDescription.Origin origin() {
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

  private static Void logged(BridgedCall call, String what, Throwable failure) {
    log.error("Call {}: {} not published", call.callId, what, failure);
    return null;
  }
}
