package io.switchboard.media.sip;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
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
  private volatile int finalStatus;

  SipExchange(
      Request request, SipCapabilities capabilities, SipResponses responses, ResponseSender sender) {
    this.request = request;
    this.capabilities = capabilities;
    this.responses = responses;
    this.sender = sender;
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
    return finalStatus != 0;
  }
}
