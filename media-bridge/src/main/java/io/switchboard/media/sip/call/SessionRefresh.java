package io.switchboard.media.sip.call;

import gov.nist.javax.sip.header.HeaderFactoryExt;
import gov.nist.javax.sip.header.extensions.SessionExpiresHeader;
import io.switchboard.media.rtp.Side;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallOutcome;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Session timers (RFC 4028) on a call's two legs, for {@link B2bua}: the {@code Session-Expires} the
 * bridge's 2xx carry, the phone's refreshes (re-INVITE or UPDATE) and the bridge's own (a re-INVITE with
 * its last SDP at half the interval, 491 retried), and the end of a call whose leg went unrefreshed.
 * Every method runs under the call's monitor, as the B2BUA's own do.
 */
final class SessionRefresh {

  private static final Logger log = LoggerFactory.getLogger(SessionRefresh.class);

  private final B2bua b2bua;
  private final SipMessages messages;
  private final HeaderFactory headers;

  SessionRefresh(B2bua b2bua, SipMessages messages, HeaderFactory headers) {
    this.b2bua = b2bua;
    this.messages = messages;
    this.headers = headers;
  }

  /** {@code Session-Expires} (and {@code Require: timer}) on a 2xx to the phone's request, when the leg has a timer. */
  void sessionHeaders(Response response, SessionTimer timer) {
    if (timer == null) {
      return;
    }
    try {
      SessionExpiresHeader expires = ((HeaderFactoryExt) headers).createSessionExpiresHeader(timer.seconds());
      expires.setRefresher(timer.refresherInPhonesRequest());
      response.setHeader(expires);
      response.setHeader(headers.createRequireHeader(SessionTimer.TIMER));
    } catch (ParseException | javax.sip.InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A refresh from the phone without an offer (an UPDATE): 200 with the timer, which starts over. */
  void refreshed(BridgedCall call, Request request, ServerTransaction transaction, boolean fromCustomer)
      throws Exception {
    BridgedCall.AgentLeg leg = call.agent;
    boolean known = fromCustomer ? call.customerAnswered : leg != null && leg.answered;
    SipProvider provider = fromCustomer || leg == null ? call.provider : leg.provider;
    if (!known) {
      b2bua.refuseInDialog(transaction, request, provider, Response.SERVER_INTERNAL_ERROR, "The call is not answered yet");
      return;
    }
    BridgedCall.LegSession session = fromCustomer ? call.customerSession : leg.session;
    Response ok = messages.inDialog(Response.OK, request, provider, null);
    sessionHeaders(ok, session.timer);
    transaction.sendResponse(ok);
    arm(call, session, fromCustomer ? Side.A : Side.B);
  }

  /**
   * Starts the leg's timer over (its session was just established or refreshed): the bridge refreshes
   * at half the interval, or the phone's refresh is awaited until {@link SessionTimer#expiry}.
   */
  void arm(BridgedCall call, BridgedCall.LegSession session, Side side) {
    SessionTimer timer = session.timer;
    if (timer == null) {
      return;
    }
    int generation = ++session.generation;
    if (timer.bridgeRefreshes()) {
      b2bua.later(timer.refreshAfter(), call, () -> {
        if (session.generation == generation && current(call, side) == session) {
          refresh(call, side);
        }
      });
    } else {
      b2bua.later(timer.expiry(), call, () -> {
        if (session.generation == generation && current(call, side) == session) {
          sessionOver(call, side, "no refresh within " + timer.seconds() + " s");
        }
      });
    }
  }

  /** The session of the leg on {@code side} now: an agent's leg let go by a transfer has none. */
  private static BridgedCall.LegSession current(BridgedCall call, Side side) {
    if (side == Side.A) {
      return call.customerSession;
    }
    BridgedCall.AgentLeg leg = call.agent;
    return leg == null || leg.gone || !leg.answered ? null : leg.session;
  }

  /** The bridge's refresh: a re-INVITE re-offering the SDP the phone has, unchanged (RFC 3264 §8). */
  private void refresh(BridgedCall call, Side side) {
    BridgedCall.AgentLeg leg = call.agent;
    if (side == Side.B && (leg == null || !leg.answered || leg.gone)) {
      return;
    }
    BridgedCall.LegSession session = side == Side.A ? call.customerSession : leg.session;
    Dialog dialog = side == Side.A ? call.customerDialog : leg.dialog;
    SipProvider provider = side == Side.A ? call.provider : leg.provider;
    if (session.refreshing != null) {
      return;
    }
    try {
      Request reInvite = dialog.createRequest(Request.INVITE);
      reInvite.setContent(session.sdp.getBytes(StandardCharsets.UTF_8),
          headers.createContentTypeHeader("application", "sdp"));
      reInvite.setHeader(messages.contact(provider, SipMessages.transportOf(reInvite)));
      reInvite.addHeader(headers.createSupportedHeader(SessionTimer.TIMER));
      SessionExpiresHeader expires = ((HeaderFactoryExt) headers).createSessionExpiresHeader(session.timer.seconds());
      expires.setRefresher(session.timer.refresherInBridgesRequest());
      reInvite.setHeader(expires);
      ClientTransaction transaction = provider.getNewClientTransaction(reInvite);
      session.refreshing = transaction;
      dialog.sendRequest(transaction);
      log.debug("Call {}: session refresh sent to {}", call.callId, side == Side.A ? B2bua.CUSTOMER : leg.agentId);
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
      session.refreshing = null;
      log.warn("Call {}: session refresh not sent: {}", call.callId, e.getMessage());
      sessionOver(call, side, "refresh not sent");
    }
  }

  /**
   * The phone's answer to a refresh of the bridge's, if {@code event} is one: 2xx is acknowledged and
   * the timer starts over; 491 (glare) is retried after 2.1–4 s (RFC 3261 14.1); 481, 408 end the
   * call (RFC 4028 §10); another refusal leaves the session as it was.
   */
  boolean refreshAnswered(BridgedCall call, String sipCallId, ResponseEvent event, CSeqHeader cseq) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable(B2bua.MDC_CALL_ID, call.callId)) {
      synchronized (call) {
        BridgedCall.LegSession session = sessionOf(call, sipCallId);
        if (session == null) {
          return false;
        }
        Side side = session == call.customerSession ? Side.A : Side.B;
        if (session.refreshing == null || event.getClientTransaction() != session.refreshing) {
          if (side == Side.A) {
            // The bridge's only INVITEs to the caller are refreshes: a late or retransmitted 2xx of one
            // is acknowledged again, never taken for anything else.
            if (event.getResponse().getStatusCode() / 100 == 2 && event.getDialog() != null) {
              b2bua.ack(event.getDialog(), cseq);
            }
            return true;
          }
          return false;
        }
        int status = event.getResponse().getStatusCode();
        if (status < 200) {
          return true;
        }
        session.refreshing = null;
        Dialog dialog = event.getDialog() != null ? event.getDialog()
            : side == Side.A ? call.customerDialog : call.agent.dialog;
        if (status < 300) {
          b2bua.ack(dialog, cseq);
          arm(call, session, side);
        } else if (status == Response.REQUEST_PENDING) {
          b2bua.later(Duration.ofMillis(ThreadLocalRandom.current().nextLong(2100, 4001)), call, () -> refresh(call, side));
        } else if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
          sessionOver(call, side, "refresh answered " + status);
        } else {
          log.info("Call {}: session refresh answered {}; the session goes on", call.callId, status);
          arm(call, session, side);
        }
        return true;
      }
    }
  }

  /** The leg's session timer of {@code sipCallId}: the caller's, or the connected agent's; null otherwise. */
  static BridgedCall.LegSession sessionOf(BridgedCall call, String sipCallId) {
    if (sipCallId.equals(call.customerSipCallId)) {
      return call.customerSession;
    }
    BridgedCall.AgentLeg leg = call.agent;
    return leg != null && leg.answered && leg.sipCallId.equals(sipCallId) ? leg.session : null;
  }

  /** A leg's session is over (not refreshed, or its refresh refused): both legs hung up, {@code CallEnded FAILED}. */
  void sessionOver(BridgedCall call, Side side, String why) {
    if (call.phase == BridgedCall.Phase.ENDED) {
      return;
    }
    String who = side == Side.A ? B2bua.CUSTOMER : call.agent == null ? "agent" : call.agent.agentId;
    log.warn("Call {}: session timer of {} expired ({}); ending both legs", call.callId, who, why);
    b2bua.hangUp(call, Response.REQUEST_TIMEOUT);
    b2bua.publishEnd(call, new CallEnded(CallOutcome.FAILED, "session-timer: " + why + " (" + who + ")", null));
  }
}
