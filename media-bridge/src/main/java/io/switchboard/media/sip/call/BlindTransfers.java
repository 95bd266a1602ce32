package io.switchboard.media.sip.call;

import io.switchboard.media.rtp.Side;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.Direction;
import io.switchboard.media.sdp.OfferAnswer;
import io.switchboard.media.sdp.SdpException;
import io.switchboard.media.sdp.SessionDescription;
import io.switchboard.media.sip.SipEndpoints;
import io.switchboard.media.sip.registrar.SipCredentials;
import io.switchboard.media.sip.trunk.OutboundTrunk;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.NumberTransferFailed;
import io.switchboard.schemas.avro.NumberTransferRequested;
import io.switchboard.schemas.avro.TransferTargetType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Blind transfers of connected SIP calls (docs/media-bridge.md, "Blind transfers"), for {@link B2bua}: a
 * REFER from the agent's phone, the gateway's {@code CallTransferred} to an agent or a queue (carried out
 * when the routing engine answers) and its {@code NumberTransferRequested}, and transfers to a number,
 * which the bridge dials over the tenant's outbound trunk itself. Every method runs under the call's
 * monitor, as the B2BUA's own do.
 */
final class BlindTransfers {

  private static final Logger log = LoggerFactory.getLogger(BlindTransfers.class);

  private final B2bua b2bua;
  private final SessionRefresh sessions;
  private final Supplier<SipEndpoints> endpoints;
  private final SipMessages messages;
  private final HeaderFactory headers;
  private final CallEventPublisher events;
  private final SipCredentials credentials;
  private final Function<String, Optional<OutboundTrunk>> outboundTrunks;
  private final Duration transferTimeout;
  private final String rtpHost;
  private final Map<String, BridgedCall> bySipCallId;

  BlindTransfers(B2bua b2bua, SessionRefresh sessions, Supplier<SipEndpoints> endpoints, SipMessages messages,
      HeaderFactory headers, CallEventPublisher events, SipCredentials credentials,
      Function<String, Optional<OutboundTrunk>> outboundTrunks, Duration transferTimeout, String rtpHost,
      Map<String, BridgedCall> bySipCallId) {
    this.b2bua = b2bua;
    this.sessions = sessions;
    this.endpoints = endpoints;
    this.messages = messages;
    this.headers = headers;
    this.events = events;
    this.credentials = credentials;
    this.outboundTrunks = outboundTrunks;
    this.transferTimeout = transferTimeout;
    this.rtpHost = rtpHost;
    this.bySipCallId = bySipCallId;
  }

  /**
   * A REFER from the connected agent's phone (RFC 3515): 202 and a NOTIFY {@code 100 Trying}, then
   * {@code CallTransferred}; the routing engine's answer is NOTIFYed ({@code 200 OK}, or why not) and
   * settles the call. A number is dialled by the bridge itself ({@link #transferToNumber}). Refused: from
   * the caller 403, on a call not connected 403, during another transfer 491, without a usable
   * {@code Refer-To} 400, 416 or 501 (see {@link ReferTarget}), to a number when the tenant has no outbound
   * trunk 403, on a call already transferred to a number 403.
   */
  void refer(BridgedCall call, Request request, ServerTransaction transaction, boolean fromCustomer)
      throws Exception {
    BridgedCall.AgentLeg leg = call.agent;
    SipProvider provider = fromCustomer || leg == null ? call.provider : leg.provider;
    if (fromCustomer) {
      b2bua.refuseInDialog(transaction, request, provider,
          Response.FORBIDDEN, "Only the agent's phone transfers the call");
      return;
    }
    if (call.externalNumber != null) {
      b2bua.refuseInDialog(transaction, request, provider, Response.FORBIDDEN,
          "The call has been transferred out of the contact center");
      return;
    }
    if (call.phase != BridgedCall.Phase.CONNECTED || leg == null || !leg.answered || leg.gone
        || !leg.sipCallId.equals(B2bua.sipCallIdOf(request))) {
      b2bua.refuseInDialog(transaction, request, provider, Response.FORBIDDEN, "Only a connected call is transferred");
      return;
    }
    if (call.transfer != null) {
      b2bua.refuseInDialog(transaction, request, provider,
          Response.REQUEST_PENDING, "A transfer of this call is under way");
      return;
    }
    ReferToHeader referTo = (ReferToHeader) request.getHeader(ReferToHeader.NAME);
    ReferTarget target;
    try {
      target = ReferTarget.resolve(call.tenantId, referTo == null ? null : referTo.getAddress(), credentials);
    } catch (ReferTarget.Refused e) {
      b2bua.refuseInDialog(transaction, request, provider, e.status, e.getMessage());
      return;
    }
    if (target.type() == TransferTargetType.AGENT && target.target().equals(leg.agentId)) {
      b2bua.refuseInDialog(transaction, request, provider,
          Response.FORBIDDEN, "An agent cannot transfer a call to itself");
      return;
    }
    if (target.type() == TransferTargetType.EXTERNAL && outboundTrunks.apply(call.tenantId).isEmpty()) {
      b2bua.refuseInDialog(transaction, request, provider, Response.FORBIDDEN,
          "No outbound trunk to dial " + target.target() + " on");
      return;
    }
    transaction.sendResponse(messages.inDialog(Response.ACCEPTED, request, provider, null));
    long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    BridgedCall.Transfer transfer = new BridgedCall.Transfer(target, leg.agentId, leg, cseq);
    if (target.type() == TransferTargetType.EXTERNAL) {
      events.publish(call.tenantId, call.callId, new NumberTransferRequested(target.target(), leg.agentId))
          .exceptionally(failure -> B2bua.logged(call, "NumberTransferRequested", failure));
      transferToNumber(call, transfer);
      return;
    }
    startTransfer(call, transfer);
    notifyReferrer(transfer, "100 Trying", false);
    events.publish(call.tenantId, call.callId, new CallTransferred(target.type(), target.target(), leg.agentId))
        .whenComplete((done, failure) -> {
          if (failure != null) {
            log.error("Call {}: CallTransferred not published", call.callId, failure);
            try (MDC.MDCCloseable ignored = MDC.putCloseable(B2bua.MDC_CALL_ID, call.callId)) {
              synchronized (call) {
                if (call.transfer == transfer) {
                  transferFailed(call, Response.SERVICE_UNAVAILABLE, "the transfer could not be recorded");
                }
              }
            }
          }
        });
  }

  /** The gateway's transfer of a connected call: as a REFER's, without the NOTIFYs. */
  void serviceTransfer(BridgedCall call, CallTransferred transferred, String source) {
    if (call.phase != BridgedCall.Phase.CONNECTED || call.transfer != null || call.externalNumber != null
        || transferred.getTargetType() == TransferTargetType.EXTERNAL) {
      return;
    }
    log.info("Call {}: transferred by {} through {}", call.callId, transferred.getBy(), source);
    startTransfer(call, new BridgedCall.Transfer(
        new ReferTarget(transferred.getTargetType(), transferred.getTarget()), transferred.getBy(), null, 0));
  }

  /**
   * The gateway's transfer to a number ({@code NumberTransferRequested}): as a REFER's, without the NOTIFYs,
   * and the agent's phone is let go once the number answers. Refused with {@code NumberTransferFailed} (as a
   * REFER would be): a call not connected or already transferred out 403, during another transfer 491.
   */
  void serviceTransferToNumber(BridgedCall call, NumberTransferRequested requested, String source) {
    String number = requested.getNumber();
    if (call.transfer != null) {
      numberTransferFailed(call, number, Response.REQUEST_PENDING, "A transfer of this call is under way",
          requested.getBy());
    } else if (call.phase != BridgedCall.Phase.CONNECTED || call.externalNumber != null || call.agent == null
        || call.agent.gone) {
      numberTransferFailed(call, number, Response.FORBIDDEN, call.externalNumber != null
          ? "The call has been transferred out of the contact center" : "Only a connected call is transferred",
          requested.getBy());
    } else {
      log.info("Call {}: transfer to number {} asked by {} through {}", call.callId, number, requested.getBy(),
          source);
      transferToNumber(call, new BridgedCall.Transfer(new ReferTarget(TransferTargetType.EXTERNAL, number),
          requested.getBy(), null, 0));
    }
  }

  /** A transfer to a number that did not happen: {@code NumberTransferFailed}, for the call's history and agent. */
  private void numberTransferFailed(BridgedCall call, String number, int status, String reason, String by) {
    log.info("Call {}: transfer to number {} failed ({} {})", call.callId, number, status, reason);
    events.publish(call.tenantId, call.callId, new NumberTransferFailed(number, status, reason, by == null ? "" : by))
        .exceptionally(failure -> B2bua.logged(call, "NumberTransferFailed", failure));
  }

  /** The caller hears the queue's audio until the routing engine answers, or for {@code transferTimeout}. */
  private void startTransfer(BridgedCall call, BridgedCall.Transfer transfer) {
    call.transfer = transfer;
    b2bua.holdRelay(call);
    log.info("Call {}: {} transfers it to {} {}", call.callId, transfer.by(),
        transfer.target().type().name().toLowerCase(java.util.Locale.ROOT), transfer.target().target());
    b2bua.later(transferTimeout, call, () -> {
      if (call.transfer == transfer) {
        transferFailed(call, Response.REQUEST_TIMEOUT,
            "the routing engine did not answer within " + transferTimeout.toSeconds() + " s");
      }
    });
  }

  /**
   * The routing engine put the connected call into a queue again (a transfer, this instance's or one
   * it has not read yet): the referring phone is told 200 and let go, the caller waits with the
   * queue's audio, and the agent leg's port waits idle for the next agent's phone.
   */
  void transferred(BridgedCall call, String queue) {
    BridgedCall.Transfer transfer = call.transfer;
    call.transfer = null;
    BridgedCall.AgentLeg leg = call.agent;
    log.info("Call {}: transferred; waiting in queue {}", call.callId, queue);
    notifyReferrer(transfer, "200 OK", true);
    if (leg != null) {
      letGo(call, leg, transfer);
    }
    call.agent = null;
    if (queue != null) {
      call.queue = queue;
    }
    call.phase = BridgedCall.Phase.QUEUED;
    call.heldByAgent = false;
    call.heldByService = false;
    call.relay.b().idle();
    call.relay.stopPlaying(Side.A);
    b2bua.holdRelay(call);
  }

  /**
   * A REFER to a number (the tenant has an outbound trunk): the caller hears the queue's audio while the
   * bridge INVITEs {@code sip:<number>@<trunk host>:<port>} with the caller's codec, at the relay's
   * agent-side port. Its 200 ({@link #numberAnswered}) takes the agent's place; a refusal, no answer
   * within {@code transferTimeout} or a failed dial is NOTIFYed and the call goes on with its agent.
   */
  private void transferToNumber(BridgedCall call, BridgedCall.Transfer transfer) {
    call.transfer = transfer;
    b2bua.holdRelay(call);
    String number = transfer.target().target();
    log.info("Call {}: {} transfers it to number {}", call.callId, transfer.by(), number);
    notifyReferrer(transfer, "100 Trying", false);
    Optional<OutboundTrunk> trunk = outboundTrunks.apply(call.tenantId);
    if (trunk.isEmpty()) {
      transferFailed(call, Response.FORBIDDEN, "No outbound trunk to dial " + number + " on");
      return;
    }
    List<Codec> codecs = new ArrayList<>(List.of(call.audio));
    if (call.telephoneEvent != null) {
      codecs.add(call.telephoneEvent);
    }
    SessionDescription sdp = OfferAnswer.offer(b2bua.origin(),
        new OfferAnswer.Local(rtpHost, call.relay.b().localRtpPort()), codecs, Direction.SENDRECV);
    try {
      OutboundTrunk outbound = trunk.get();
      SipProvider provider = endpoints.get().provider(outbound.transport());
      Request invite = b2bua.trunkInvite(outbound, provider, number, call.callId, sdp.toString());
      ClientTransaction transaction = provider.getNewClientTransaction(invite);
      BridgedCall.AgentLeg dial = new BridgedCall.AgentLeg(number, null, B2bua.sipCallIdOf(invite), transaction,
          provider.getNewDialog(transaction), codecs, provider, sdp.origin());
      dial.session.sdp = sdp.toString();
      call.transferDial = dial;
      bySipCallId.put(dial.sipCallId, call);
      transaction.sendRequest();
      log.info("Call {}: dialling {} through trunk {} for the transfer", call.callId, number, outbound.trunkId());
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
      log.warn("Call {}: {} cannot be dialled for the transfer: {}", call.callId, number, e.getMessage());
      if (call.transferDial != null) {
        bySipCallId.remove(call.transferDial.sipCallId);
        call.transferDial = null;
      }
      transferFailed(call, Response.SERVICE_UNAVAILABLE, "not dialled: " + e.getMessage());
      return;
    }
    b2bua.later(transferTimeout, call, () -> {
      if (call.transfer == transfer && call.transferDial != null) {
        log.info("Call {}: {} did not answer within {} s", call.callId, number, transferTimeout.toSeconds());
        dropTransferDial(call);
        transferFailed(call, Response.REQUEST_TIMEOUT, "Request Timeout");
      }
    });
  }

  /**
   * The number's answers to a transfer's INVITE, if {@code event} is one: a 401/407 is answered once with
   * the trunk's credentials, a refusal fails the transfer, a 200 completes it.
   */
  boolean transferDialAnswers(BridgedCall call, String sipCallId, ResponseEvent event, CSeqHeader cseq) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable(B2bua.MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        BridgedCall.AgentLeg dial = call.transferDial;
        if (dial == null || !dial.sipCallId.equals(sipCallId)) {
          return false;
        }
        if (event.getClientTransaction() != dial.invite) {
          return true; // the first INVITE's, after a challenge: its retry is the one that counts
        }
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
          dial.provisional = true; // the caller keeps the queue's audio: no early media before the answer
          return true;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) && !dial.challenged) {
          dial.challenged = true;
          ClientTransaction retry = b2bua.trunkChallenge(call.tenantId, response, dial.invite, dial.provider);
          if (retry != null) {
            try {
              dial.invite = retry;
              dial.provisional = false;
              dial.dialog = dial.provider.getNewDialog(retry);
              retry.sendRequest();
              return true;
            } catch (SipException | RuntimeException e) {
              log.warn("Call {}: the transfer's INVITE with credentials not sent: {}", call.callId, e.getMessage());
            }
          }
        }
        call.transferDial = null;
        if (status >= 300) {
          bySipCallId.remove(dial.sipCallId);
          log.info("Call {}: {} answered the transfer {} {}", call.callId, dial.agentId, status,
              response.getReasonPhrase());
          transferFailed(call, status, Objects.toString(response.getReasonPhrase(), ""));
          return true;
        }
        Dialog dialog = event.getDialog() != null ? event.getDialog() : dial.dialog;
        b2bua.ack(dialog, cseq);
        numberAnswered(call, dial, dialog, response);
        return true;
      }
    }
  }

  /**
   * The number answered the transfer: the relay's agent-side leg is signalled to its SDP, relaying
   * resumes between the caller and the number, the referring phone is NOTIFYed 200 and let go (BYE after
   * 2 s if it has not hung up), and {@code CallTransferred EXTERNAL} is published. From here the number's
   * leg is the call's agent leg (BYE, re-INVITE, session timer), and nothing more is published.
   */
  private void numberAnswered(BridgedCall call, BridgedCall.AgentLeg dial, Dialog dialog, Response response) {
    OfferAnswer.Negotiated media;
    try {
      media = OfferAnswer.accept(SessionDescription.parse(SipMessages.body(response)), dial.offered);
    } catch (SdpException | RuntimeException e) {
      log.warn("Call {}: {}'s answer is unusable ({}); hanging it up", call.callId, dial.agentId, e.getMessage());
      b2bua.bye(dialog, dial.provider);
      bySipCallId.remove(dial.sipCallId);
      transferFailed(call, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here");
      return;
    }
    BridgedCall.Transfer transfer = call.transfer;
    call.transfer = null;
    BridgedCall.AgentLeg agent = call.agent;
    dial.dialog = dialog;
    dial.answered = true;
    dial.session.timer = SessionTimer.fromAnswer(response);
    call.agent = dial;
    call.externalNumber = dial.agentId;
    call.heldByAgent = false;
    call.heldByService = false;
    notifyReferrer(transfer, "200 OK", true);
    if (agent != null) {
      letGo(call, agent, transfer);
    }
    call.relay.b().signal(new InetSocketAddress(media.remoteAddress(), media.remotePort()));
    call.relay.b().participantId(dial.agentId);
    sessions.arm(call, dial.session, Side.B);
    b2bua.holdRelay(call);
    String by = transfer != null ? transfer.by() : agent != null ? agent.agentId : null;
    log.info("Call {}: {} answered; transferred out of the contact center", call.callId, dial.agentId);
    events.publish(call.tenantId, call.callId, new CallTransferred(TransferTargetType.EXTERNAL, dial.agentId, by))
        .exceptionally(failure -> B2bua.logged(call, "CallTransferred", failure));
  }

  /**
   * The agent's leg a transfer took the call from: BYE, or, for the phone that REFERred, 2 s for it to
   * hang up on the NOTIFY itself first (RFC 5589 6).
   */
  private void letGo(BridgedCall call, BridgedCall.AgentLeg leg, BridgedCall.Transfer transfer) {
    call.releasedLegs.add(leg);
    if (!leg.gone && transfer != null && transfer.referrer() == leg) {
      b2bua.later(Duration.ofSeconds(2), call, () -> b2bua.release(leg));
    } else {
      b2bua.release(leg);
    }
  }

  /** A transfer's INVITE to a number given up: CANCEL (after its first provisional response) and forgotten. */
  void dropTransferDial(BridgedCall call) {
    BridgedCall.AgentLeg dial = call.transferDial;
    if (dial == null) {
      return;
    }
    call.transferDial = null;
    bySipCallId.remove(dial.sipCallId);
    b2bua.cancel(dial);
  }


  /**
   * The routing engine refused the transfer (or did not answer): the referring phone is told why and
   * the call goes on with its agent; if that phone has hung up meanwhile, the call ends.
   */
  void transferFailed(BridgedCall call, int status, String reason) {
    BridgedCall.Transfer transfer = call.transfer;
    if (transfer == null) {
      return;
    }
    call.transfer = null;
    if (transfer.target().type() == TransferTargetType.EXTERNAL) {
      numberTransferFailed(call, transfer.target().target(), status, reason, transfer.by());
    } else {
      log.info("Call {}: transfer to {} failed ({} {})", call.callId, transfer.target().target(), status, reason);
    }
    notifyReferrer(transfer, status + " " + reason.replaceAll("[\r\n]", " "), true);
    if (call.agent != null && call.agent.gone) {
      b2bua.agentHungUp(call);
      return;
    }
    b2bua.holdRelay(call);
  }

  /** A NOTIFY of the REFER's progress to the referring phone (RFC 3515 2.4.4, a sipfrag status line). */
  private void notifyReferrer(BridgedCall.Transfer transfer, String status, boolean last) {
    if (transfer == null || transfer.referrer() == null || transfer.referrer().gone) {
      return;
    }
    BridgedCall.AgentLeg leg = transfer.referrer();
    try {
      Request notify = leg.dialog.createRequest(Request.NOTIFY);
      EventHeader event = headers.createEventHeader("refer");
      event.setEventId(Long.toString(transfer.referCseq()));
      notify.setHeader(event);
      SubscriptionStateHeader state = headers.createSubscriptionStateHeader(
          last ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
      if (last) {
        state.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
      } else {
        state.setExpires(60);
      }
      notify.setHeader(state);
      ContentTypeHeader sipfrag = headers.createContentTypeHeader("message", "sipfrag");
      sipfrag.setParameter("version", "2.0");
      notify.setContent(("SIP/2.0 " + status + "\r\n").getBytes(StandardCharsets.UTF_8), sipfrag);
      leg.dialog.sendRequest(leg.provider.getNewClientTransaction(notify));
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
      log.warn("NOTIFY of the transfer to agent {}'s phone not sent: {}", leg.agentId, e.getMessage());
    }
  }
}
