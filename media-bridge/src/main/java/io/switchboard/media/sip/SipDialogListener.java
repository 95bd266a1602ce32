package io.switchboard.media.sip;

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
   * listener matches it: the dispatcher then answers 481 (nothing for an ACK).
   *
   * @param transaction the request's server transaction, null for an ACK or when the stack could not make one
   */
  boolean request(RequestEvent event, ServerTransaction transaction) throws Exception;

  void response(ResponseEvent event);

  void timeout(TimeoutEvent event);

  default void dialogTerminated(DialogTerminatedEvent event) {}

  /** The methods it takes inside its dialogs, advertised in {@code Allow} beside the handlers' own. */
  default java.util.Set<String> methods() {
    return java.util.Set.of();
  }

  /** The option tags it supports (the {@code Supported} header), beside the configured ones. */
  default java.util.Set<String> extensions() {
    return java.util.Set.of();
  }
}
