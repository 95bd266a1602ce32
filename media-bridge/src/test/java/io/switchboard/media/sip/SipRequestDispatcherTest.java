package io.switchboard.media.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sip.header.AcceptHeader;
import javax.sip.header.AllowHeader;
import javax.sip.header.ServerHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UnsupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class SipRequestDispatcherTest {

  private final MessageFactoryImpl messages = new MessageFactoryImpl();
  private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Response> sent = new ArrayList<>();

  private SipRequestDispatcher dispatcher(SipRequestHandler... extra) {
    List<SipRequestHandler> handlers = new ArrayList<>(List.of(new OptionsHandler(headers)));
    handlers.addAll(List.of(extra));
    return new SipRequestDispatcher(
        handlers, Set.of(), new SipResponses(messages, headers), headers, new SipMetrics(registry));
  }

  @Test
  void answersOptionsWithWhatTheBridgeSupports() {
    dispatcher().dispatch(request("OPTIONS", ""), sent::add);

    Response ok = single();
    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(values(ok, AllowHeader.NAME)).containsExactly("OPTIONS");
    AcceptHeader accept = (AcceptHeader) ok.getHeader(AcceptHeader.NAME);
    assertThat(accept.getContentType() + "/" + accept.getContentSubType()).isEqualTo("application/sdp");
    assertThat(ok.getHeader("Supported")).isNotNull();
    ServerHeader server = (ServerHeader) ok.getHeader(ServerHeader.NAME);
    assertThat(server.getProduct().next()).isEqualTo("Switchboard media-bridge");
    assertThat(((ToHeader) ok.getHeader(ToHeader.NAME)).getTag()).isNotBlank();
  }

  @Test
  void advertisesTheMethodsOfEveryRegisteredHandler() {
    SipRequestHandler register = handler("REGISTER", exchange -> exchange.respond(200));

    dispatcher(register).dispatch(request("OPTIONS", ""), sent::add);

    assertThat(values(single(), AllowHeader.NAME)).containsExactlyInAnyOrder("OPTIONS", "REGISTER");
  }

  @Test
  void answersAKnownMethodWithoutAHandlerWith405ListingTheAllowedOnes() {
    dispatcher().dispatch(request("MESSAGE", ""), sent::add);

    Response response = single();
    assertThat(response.getStatusCode()).isEqualTo(Response.METHOD_NOT_ALLOWED);
    assertThat(values(response, AllowHeader.NAME)).containsExactly("OPTIONS");
  }

  @Test
  void answersAMethodItDoesNotRecogniseWith501() {
    dispatcher().dispatch(request("FROBNICATE", ""), sent::add);

    assertThat(single().getStatusCode()).isEqualTo(Response.NOT_IMPLEMENTED);
  }

  @Test
  void answersMethodsThatOnlyLiveInADialogWith481OutsideOne() {
    for (String method : List.of("BYE", "INFO", "PRACK", "UPDATE")) {
      sent.clear();
      dispatcher().dispatch(request(method, ""), sent::add);

      assertThat(single().getStatusCode()).as(method).isEqualTo(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
    }
  }

  @Test
  void refusesABodyOfAnotherTypeWith415ListingTheAcceptedOne() throws ParseException {
    Request request = request("OPTIONS", "");
    request.setContent("hello", headers.createContentTypeHeader("text", "plain"));

    dispatcher().dispatch(request, sent::add);

    Response response = single();
    assertThat(response.getStatusCode()).isEqualTo(Response.UNSUPPORTED_MEDIA_TYPE);
    AcceptHeader accept = (AcceptHeader) response.getHeader(AcceptHeader.NAME);
    assertThat(accept.getContentType() + "/" + accept.getContentSubType()).isEqualTo("application/sdp");
  }

  @Test
  void takesAnSdpBodyWhateverTheCaseOfItsType() throws ParseException {
    Request request = request("OPTIONS", "");
    request.setContent("v=0\r\n", headers.createContentTypeHeader("Application", "SDP"));

    dispatcher().dispatch(request, sent::add);

    assertThat(single().getStatusCode()).isEqualTo(Response.OK);
  }

  @Test
  void refusesABodyWithoutAContentTypeWith400() throws ParseException {
    Request request = request("OPTIONS", "");
    request.setContent("v=0\r\n", headers.createContentTypeHeader("application", "sdp"));
    request.removeHeader("Content-Type");

    dispatcher().dispatch(request, sent::add);

    assertThat(single().getStatusCode()).isEqualTo(Response.BAD_REQUEST);
  }

  @Test
  void refusesAnExpiresTheStackCouldNotParseWith400NamingIt() throws ParseException {
    SipRequestHandler register = handler("REGISTER", exchange -> exchange.respond(Response.OK));
    String text = "REGISTER sip:example.org SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-register-bad\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:ann@example.org>;tag=ours\r\n"
        + "To: <sip:ann@example.org>\r\n"
        + "Call-ID: bad-expires@127.0.0.1\r\n"
        + "CSeq: 1 REGISTER\r\n"
        + "Content-Length: 0\r\n\r\n";
    Request request = messages.createRequest(text);
    // What the stack's UDP and TCP channels do with a header they cannot parse.
    ((SIPMessage) request).addUnparsed("Expires: soon");

    dispatcher(register).dispatch(request, sent::add);

    Response response = single();
    assertThat(response.getStatusCode()).isEqualTo(Response.BAD_REQUEST);
    assertThat(response.getReasonPhrase()).isEqualTo("Bad Expires header");
  }

  @Test
  void refusesARequestWithoutMaxForwardsAndAnInviteWithoutContactWith400() {
    SipRequestHandler invite = handler("INVITE", exchange -> exchange.respond(Response.OK));
    Request options = request("OPTIONS", "");
    options.removeHeader("Max-Forwards");

    dispatcher(invite).dispatch(options, sent::add);
    dispatcher(invite).dispatch(request("INVITE", ""), sent::add);

    assertThat(sent).extracting(Response::getStatusCode).containsExactly(400, 400);
    assertThat(sent).extracting(Response::getReasonPhrase)
        .containsExactly("Missing Max-Forwards header", "Missing Contact header");
  }

  @Test
  void refusesAnInviteThatMayGoNoFurtherWith483() throws Exception {
    SipRequestHandler invite = handler("INVITE", exchange -> exchange.respond(Response.OK));
    Request request = request("INVITE", "");
    request.setHeader(headers.createMaxForwardsHeader(0));
    request.setHeader(headers.createContactHeader(
        new gov.nist.javax.sip.address.AddressFactoryImpl().createAddress("<sip:trunk@127.0.0.1:5070>")));

    dispatcher(invite).dispatch(request, sent::add);

    assertThat(single().getStatusCode()).isEqualTo(Response.TOO_MANY_HOPS);
  }

  @Test
  void neverAnswersAnAck() {
    dispatcher().dispatch(request("ACK", ""), sent::add);

    assertThat(sent).isEmpty();
    assertThat(registry.counter("switchboard.sip.requests", "method", "ACK").count()).isEqualTo(1);
  }

  @Test
  void answersCancelWith481AsNoInviteIsEverPending() {
    dispatcher().dispatch(request("CANCEL", ""), sent::add);

    assertThat(single().getStatusCode()).isEqualTo(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
  }

  @Test
  void answersARequestInsideAnUnknownDialogWith481() {
    dispatcher().dispatch(request("OPTIONS", ";tag=theirs"), sent::add);

    Response response = single();
    assertThat(response.getStatusCode()).isEqualTo(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
    assertThat(((ToHeader) response.getHeader(ToHeader.NAME)).getTag()).isEqualTo("theirs");
  }

  @Test
  void refusesRequiredExtensionsWith420ListingThem() throws ParseException {
    Request request = request("OPTIONS", "");
    request.addHeader(headers.createRequireHeader("100rel"));
    request.addHeader(headers.createRequireHeader("timer"));

    dispatcher().dispatch(request, sent::add);

    Response response = single();
    assertThat(response.getStatusCode()).isEqualTo(Response.BAD_EXTENSION);
    List<String> unsupported = new ArrayList<>();
    response
        .getHeaders(UnsupportedHeader.NAME)
        .forEachRemaining(h -> unsupported.add(((UnsupportedHeader) h).getOptionTag()));
    assertThat(unsupported).containsExactly("100rel", "timer");
  }

  @Test
  void answers500WhenAHandlerFails() {
    SipRequestHandler failing =
        handler(
            "REGISTER",
            exchange -> {
              throw new IllegalStateException("boom");
            });

    dispatcher(failing).dispatch(request("REGISTER", ""), sent::add);

    assertThat(single().getStatusCode()).isEqualTo(Response.SERVER_INTERNAL_ERROR);
  }

  @Test
  void answers500WhenAHandlerForgetsToAnswer() {
    dispatcher(handler("REGISTER", exchange -> {})).dispatch(request("REGISTER", ""), sent::add);

    assertThat(single().getStatusCode()).isEqualTo(Response.SERVER_INTERNAL_ERROR);
  }

  @Test
  void countsRequestsByMethodAndResponsesByStatus() {
    SipRequestDispatcher dispatcher = dispatcher();

    dispatcher.dispatch(request("OPTIONS", ""), sent::add);
    dispatcher.dispatch(request("OPTIONS", ""), sent::add);
    dispatcher.dispatch(request("MESSAGE", ""), sent::add);
    dispatcher.dispatch(request("FROBNICATE", ""), sent::add);

    assertThat(registry.counter("switchboard.sip.requests", "method", "OPTIONS").count()).isEqualTo(2);
    assertThat(registry.counter("switchboard.sip.requests", "method", "MESSAGE").count()).isEqualTo(1);
    assertThat(registry.counter("switchboard.sip.requests", "method", "OTHER").count()).isEqualTo(1);
    assertThat(registry.counter("switchboard.sip.responses", "status", "200").count()).isEqualTo(2);
    assertThat(registry.counter("switchboard.sip.responses", "status", "405").count()).isEqualTo(1);
    assertThat(registry.counter("switchboard.sip.responses", "status", "501").count()).isEqualTo(1);
  }

  @Test
  void refusesTwoHandlersForOneMethod() {
    assertThatThrownBy(() -> dispatcher(new OptionsHandler(headers)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OPTIONS");
  }

  private Response single() {
    assertThat(sent).hasSize(1);
    return sent.get(0);
  }

  private static List<String> values(Response response, String header) {
    List<String> values = new ArrayList<>();
    response.getHeaders(header).forEachRemaining(h -> values.add(((AllowHeader) h).getMethod()));
    return values;
  }

  private Request request(String method, String toParameters) {
    String text =
        method + " sip:bridge@127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + method.toLowerCase() + "-1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:trunk@127.0.0.1>;tag=ours\r\n"
            + "To: <sip:bridge@127.0.0.1>" + toParameters + "\r\n"
            + "Call-ID: dispatch-test@127.0.0.1\r\n"
            + "CSeq: 1 " + method + "\r\n"
            + "Content-Length: 0\r\n\r\n";
    try {
      return messages.createRequest(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private interface Body {
    void handle(SipExchange exchange) throws Exception;
  }

  private static SipRequestHandler handler(String method, Body body) {
    return new SipRequestHandler() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public void handle(SipExchange exchange) throws Exception {
        body.handle(exchange);
      }
    };
  }
}
