package io.switchboard.media.sip;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ServerHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds the bridge's responses: identified by a Server header, with a To tag. */
final class SipResponses {

  /**
   * The Server and User-Agent header value. One element: JAIN-SIP joins several with "/", which
   * would read as product "Switchboard" version "media-bridge".
   */
  static final List<String> PRODUCT = List.of("Switchboard media-bridge");

  private final MessageFactory messages;
  private final HeaderFactory headers;

  SipResponses(MessageFactory messages, HeaderFactory headers) {
    this.messages = messages;
    this.headers = headers;
  }

  Response create(int status, Request request) {
    try {
      Response response = messages.createResponse(status, request);
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      // RFC 3261 8.2.6.2: a UAS tags the To header of every response but 100 to an untagged request.
      if (status > 100 && to != null && to.getTag() == null) {
        to.setTag(newTag());
      }
      ServerHeader server = headers.createServerHeader(PRODUCT);
      response.setHeader(server);
      return response;
    } catch (ParseException e) {
      throw new IllegalStateException("Cannot build a " + status + " response", e);
    }
  }

  /** 64 random bits, above the 32 that RFC 3261 19.3 asks of a tag. */
  private static String newTag() {
    return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
  }
}
