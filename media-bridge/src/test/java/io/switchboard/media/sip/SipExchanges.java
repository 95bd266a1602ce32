package io.switchboard.media.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.List;
import java.util.Set;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Exchanges for unit tests of handlers in other packages: responses go to a list. */
public final class SipExchanges {

  private SipExchanges() {}

  public static SipExchange collecting(Request request, List<Response> sent) {
    SipResponses responses = new SipResponses(new MessageFactoryImpl(), new HeaderFactoryImpl());
    return new SipExchange(request, new SipCapabilities(Set.of(request.getMethod()), Set.of(), Set.of()),
        responses, sent::add);
  }
}
