package io.switchboard.media.sip.call;

import io.switchboard.media.rtp.RelaySession;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.SessionDescription;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.message.Request;

/**
 * One call through the B2BUA: the customer's leg (its INVITE, answered by the bridge), the agent's
 * leg once routing offers the call (an INVITE the bridge sends), and the relay session between
 * them. Guarded by its own monitor: every event about the call takes it.
 */
final class BridgedCall {

  /** Where the call is, from the bridge's side. */
  enum Phase {
    /** Answered 183 with ringback; waiting in its queue for an agent. */
    QUEUED,
    /** An agent's phone is being invited. */
    RINGING,
    /** Both legs answered, media bridged. */
    CONNECTED,
    /** Over; nothing more is sent. */
    ENDED
  }

  final String tenantId;
  final String callId;
  final String queue;
  final ServerTransaction customerInvite;
  final Dialog customerDialog;
  final String customerSipCallId;
  final String customerTag;
  final RelaySession relay;
  /** The audio codec negotiated with the customer (and offered alone to agents) and telephone-event, or null. */
  final Codec audio;
  final Codec telephoneEvent;
  /** The SDP the customer was answered with, in the 183 and again in the 200. */
  final SessionDescription customerAnswer;
  /** The provider the caller's INVITE came in on; its responses and the BYE to it go out there. */
  final SipProvider provider;
  /** The caller's From address, shown to the agent's phone. */
  final Address customerAddress;
  Phase phase = Phase.QUEUED;
  /** The 183 with ringback has been sent (once the call was queued). */
  boolean queuedAnswered;
  /** The origin of the bridge's last SDP to the caller; each new answer raises its version. */
  SessionDescription.Origin customerOrigin;
  /** Who holds the call now: the caller's phone, the agent's phone, or a service (the gateway's API). */
  boolean heldByCustomer;
  boolean heldByAgent;
  boolean heldByService;

  /** The agent's leg while an offer rings or the call is connected; null otherwise. */
  AgentLeg agent;

  BridgedCall(String tenantId, String callId, String queue, ServerTransaction customerInvite, Dialog customerDialog,
      String customerTag, RelaySession relay, Codec audio, Codec telephoneEvent, SessionDescription customerAnswer,
      SipProvider provider, Address customerAddress) {
    this.tenantId = tenantId;
    this.callId = callId;
    this.queue = queue;
    this.customerInvite = customerInvite;
    this.customerDialog = customerDialog;
    this.customerSipCallId = customerDialog.getCallId().getCallId();
    this.customerTag = customerTag;
    this.relay = relay;
    this.audio = audio;
    this.telephoneEvent = telephoneEvent;
    this.customerAnswer = customerAnswer;
    this.provider = provider;
    this.customerAddress = customerAddress;
    this.customerOrigin = customerAnswer.origin();
  }

  boolean held() {
    return heldByCustomer || heldByAgent || heldByService;
  }

  Request customerRequest() {
    return customerInvite.getRequest();
  }

  /** The INVITE to one agent's phone for one reservation. */
  static final class AgentLeg {
    final String agentId;
    final String reservationId;
    final String sipCallId;
    final ClientTransaction invite;
    final Dialog dialog;
    final List<Codec> offered;
    final SipProvider provider;
    /** The origin of the bridge's last SDP to the phone. */
    SessionDescription.Origin origin;
    /** A provisional response came: a CANCEL may be sent (RFC 3261 9.1). */
    boolean provisional;
    /** The offer ended before any provisional response: CANCEL at the first one. */
    boolean cancelWanted;
    /** A CANCEL has been sent: the final answer to the INVITE is no decline of the agent's. */
    boolean cancelled;
    boolean answered;

    AgentLeg(String agentId, String reservationId, String sipCallId, ClientTransaction invite, Dialog dialog,
        List<Codec> offered, SipProvider provider, SessionDescription.Origin origin) {
      this.agentId = agentId;
      this.reservationId = reservationId;
      this.sipCallId = sipCallId;
      this.invite = invite;
      this.dialog = dialog;
      this.offered = List.copyOf(offered);
      this.provider = provider;
      this.origin = origin;
    }
  }
}
