package io.switchboard.media.sip;

/**
 * Answers the requests of one SIP method. Each call flow (registrar, B2BUA, ...) adds its handlers
 * as beans; the dispatcher routes to them and advertises their methods in {@code Allow}.
 */
public interface SipRequestHandler {

  /** The request method handled, in upper case as on the wire ({@code OPTIONS}, {@code INVITE}). */
  String method();

  /**
   * Handles one request. Called on a stack thread, possibly concurrently with other requests. A
   * handler that throws gets a 500 sent for it if it had not answered yet.
   */
  void handle(SipExchange exchange) throws Exception;
}
