package io.switchboard.media.sip;

import java.util.Set;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;

/**
 * What the dispatcher hands to the call flow that owns dialogs (the B2BUA): requests inside a
 * dialog (a To tag), CANCEL and ACK, and everything about the requests the bridge sends itself.
 * Called on stack threads, concurrently.
 */
public interface SipDialogListener {

  /**
   * A CANCEL, an ACK, or a request with a To tag. Returns false when no dialog or transaction of the
   * listener matches it: the dispatcher then answers 481 (an ACK it counts and drops).
   *
   * @param transaction the request's server transaction, null for an ACK or when the stack could not make one
   */
  boolean request(RequestEvent event, ServerTransaction transaction) throws Exception;

  void response(ResponseEvent event);

  void timeout(TimeoutEvent event);

  default void dialogTerminated(DialogTerminatedEvent event) {}

  /**
   * The SIP Call-IDs of the dialogs the listener holds now (both legs of each call): the stack's
   * dialogs with another Call-ID are ended by the audit ({@code SipAudit}) once they are old.
   */
  Set<String> sipCallIds();

  /** The methods it takes inside its dialogs, advertised in {@code Allow} beside the handlers' own. */
  default Set<String> methods() {
    return Set.of();
  }

  /** The option tags it supports (the {@code Supported} header), beside the configured ones. */
  default Set<String> extensions() {
    return Set.of();
  }
}
