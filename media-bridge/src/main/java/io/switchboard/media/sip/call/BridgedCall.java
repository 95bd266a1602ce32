package io.switchboard.media.sip.call;

import io.switchboard.media.rtp.RelaySession;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.SessionDescription;
import java.util.ArrayList;
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
    /** Waiting in its queue for an agent, with ringback (183) or, after a transfer, the queue's audio. */
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
  /** The queue the call waits in (or last waited in): a transfer to a queue changes it. */
  String queue;
  /** The caller's INVITE; null for a callback, whose customer leg the bridge dials. */
  final ServerTransaction customerInvite;
  /** The customer's dialog and SIP Call-ID; for a callback, set once the customer is dialled. */
  Dialog customerDialog;
  String customerSipCallId;
  final String customerTag;
  final RelaySession relay;
  /**
   * The audio codec negotiated with the customer (and offered alone to agents) and telephone-event, or
   * null; a callback's are what the agent's phone answered, offered alone to the customer.
   */
  Codec audio;
  Codec telephoneEvent;
  /** The SDP the customer was answered with, in the 183 and again in the 200 (a callback's: its offer). */
  SessionDescription customerAnswer;
  /** The provider of the customer's leg; its responses and the BYE to it go out there. */
  SipProvider provider;
  /** The caller's From address (a callback's: the number called back), shown to the agent's phone. */
  final Address customerAddress;
  /** A callback: the bridge dials the agent's phone, then the customer over the outbound trunk. */
  final boolean outbound;
  /** Where a callback goes: the number asked for in CallbackRequested, else the caller's own. */
  String callbackNumber;
  /** A callback's INVITE to the customer while it has no final answer, and its CANCEL state. */
  ClientTransaction customerDialing;
  boolean customerProvisional;
  boolean customerCancelWanted;
  boolean customerCancelled;
  /** The outbound trunk challenged the customer's INVITE once and was answered with its credentials. */
  boolean customerChallenged;
  Phase phase = Phase.QUEUED;
  /** The 183 with ringback has been sent (once the call was queued). */
  boolean queuedAnswered;
  /** The origin of the bridge's last SDP to the caller; each new answer raises its version. */
  SessionDescription.Origin customerOrigin;
  /** Who holds the call now: the caller's phone, the agent's phone, or a service (the gateway's API). */
  boolean heldByCustomer;
  boolean heldByAgent;
  boolean heldByService;

  /** The caller's leg's session timer and the bridge's current SDP on it. */
  final LegSession customerSession = new LegSession();
  /** The caller's INVITE has been answered 200: from then on the caller's leg ends by BYE. */
  boolean customerAnswered;
  /** A blind transfer waiting for the routing engine's answer; null otherwise. */
  Transfer transfer;
  /**
   * A transfer to a number: the INVITE over the outbound trunk while it has no final answer (an
   * {@link AgentLeg} whose {@code agentId} is the number); null otherwise.
   */
  AgentLeg transferDial;
  /**
   * The number the call was transferred to once that number answered: the call has left the contact
   * center (routing and call-state took {@code CallTransferred EXTERNAL} as its end), its agent's leg is
   * that number's, and nothing more about it is published. Null otherwise.
   */
  volatile String externalNumber;
  /** Agents' legs let go by a transfer, still found by their SIP Call-ID: a BYE crossing the bridge's own finds the call. */
  final List<AgentLeg> releasedLegs = new ArrayList<>();

  /** The agent's leg while an offer rings or the call is connected; null otherwise. */
  AgentLeg agent;
  /** A ring-all queue's other phones ringing beside {@link #agent}; the first to answer wins. */
  final List<AgentLeg> alsoRinging = new ArrayList<>();

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
    this.outbound = false;
  }

  /** A callback to {@code number}, whose legs the bridge dials. */
  BridgedCall(String tenantId, String callId, String queue, RelaySession relay, String number, Address customerAddress) {
    this.tenantId = tenantId;
    this.callId = callId;
    this.queue = queue;
    this.customerInvite = null;
    this.customerTag = null;
    this.relay = relay;
    this.customerAddress = customerAddress;
    this.outbound = true;
    this.callbackNumber = number;
  }

  boolean held() {
    return heldByCustomer || heldByAgent || heldByService;
  }

  Request customerRequest() {
    return customerInvite.getRequest();
  }

  /**
   * A blind transfer of the connected call, published as {@code CallTransferred} and not yet answered
   * by the routing engine: the caller hears the queue's audio meanwhile.
   *
   * @param target where it goes
   * @param by who transferred it (an agent id)
   * @param referrer the leg whose REFER asked for it, told the outcome by NOTIFY; null for a service's transfer
   * @param referCseq the REFER's CSeq number, the {@code id} of the NOTIFYs' {@code Event: refer}
   */
  record Transfer(ReferTarget target, String by, AgentLeg referrer, long referCseq) {}

  /**
   * One leg's session (RFC 4028): its timer once negotiated (null: none), the generation that makes
   * earlier scheduled checks void, the bridge's refresh re-INVITE in flight, and the SDP the bridge
   * last gave the phone (re-offered unchanged by a refresh).
   */
  static final class LegSession {
    SessionTimer timer;
    int generation;
    ClientTransaction refreshing;
    String sdp;
  }

  /**
   * The INVITE to one agent's phone for one reservation; or, after a transfer to a number, the INVITE to
   * that number over the outbound trunk (no reservation, {@code agentId} the number).
   */
  static final class AgentLeg {
    final String agentId;
    final String reservationId;
    final String sipCallId;
    /** The INVITE; a trunk's challenge answered replaces it (and the dialog) with the retry's. */
    ClientTransaction invite;
    Dialog dialog;
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
    /** The outbound trunk challenged this INVITE once and was answered with its credentials. */
    boolean challenged;
    /** The phone hung up (BYE) or was hung up on while its call went on without it (a transfer). */
    boolean gone;
    final LegSession session = new LegSession();

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
