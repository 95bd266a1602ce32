package io.switchboard.media.sip;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** One received request and the means to answer it. */
public final class SipExchange {

  /** Sends a response through the server transaction (or statelessly). */
  @FunctionalInterface
  interface ResponseSender {
    void send(Response response) throws SipException, InvalidArgumentException;
  }

  private final Request request;
  private final SipCapabilities capabilities;
  private final SipResponses responses;
  private final ResponseSender sender;
  private final ServerTransaction transaction;
  private final SipProvider provider;
  private volatile int finalStatus;
  private volatile boolean deferred;

  SipExchange(
      Request request, SipCapabilities capabilities, SipResponses responses, ResponseSender sender) {
    this(request, capabilities, responses, sender, null, null);
  }

  SipExchange(Request request, SipCapabilities capabilities, SipResponses responses, ResponseSender sender,
      ServerTransaction transaction, SipProvider provider) {
    this.request = request;
    this.capabilities = capabilities;
    this.responses = responses;
    this.sender = sender;
    this.transaction = transaction;
    this.provider = provider;
  }

  /** The server transaction of the request; null when it is answered statelessly (or in unit tests). */
  public ServerTransaction transaction() {
    return transaction;
  }

  /** The provider (listening point) the request came in on; null in unit tests. */
  public SipProvider provider() {
    return provider;
  }

  /**
   * The handler answers later, through {@link #transaction()} (an INVITE answered when an agent
   * picks up); the dispatcher then does not send a 500 for a request left unanswered.
   */
  public void defer() {
    deferred = true;
  }

  public Request request() {
    return request;
  }

  /** What the bridge supports, for handlers that advertise it. */
  public SipCapabilities capabilities() {
    return capabilities;
  }

  /** A response to this request with the bridge's usual headers, to complete and {@link #send}. */
  public Response response(int status) {
    return responses.create(status, request);
  }

  public void send(Response response) throws SipException, InvalidArgumentException {
    sender.send(response);
    if (response.getStatusCode() >= 200) {
      finalStatus = response.getStatusCode();
    }
  }

  /** Sends a response with nothing more than the usual headers. */
  public void respond(int status) throws SipException, InvalidArgumentException {
    send(response(status));
  }

  boolean answered() {
    return finalStatus != 0 || deferred;
  }
}
