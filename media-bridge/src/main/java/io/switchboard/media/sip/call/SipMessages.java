package io.switchboard.media.sip.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds the B2BUA's requests and responses: the bridge's Contact, Server and User-Agent on each. */
final class SipMessages {

  static final String PRODUCT = "Switchboard media-bridge";
  /** Names the Switchboard call on the INVITE to an agent's phone, for phones and logs that show it. */
  static final String CALL_ID_HEADER = "X-Switchboard-Call-Id";

  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final AddressFactory addresses;

  SipMessages(MessageFactory messages, HeaderFactory headers, AddressFactory addresses) {
    this.messages = messages;
    this.headers = headers;
    this.addresses = addresses;
  }

  /** 64 random bits, above the 32 RFC 3261 19.3 asks of a tag. */
  /** An address from its URI text, e.g. {@code sip:4930123@carrier.example}. */
  Address address(String uri) {
    try {
      return addresses.createAddress(uri);
    } catch (ParseException e) {
      throw new IllegalArgumentException("Not a SIP address: " + uri, e);
    }
  }

  static String newTag() {
    return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
  }

  /** A response to the customer's INVITE with the call's To tag, the bridge's Contact and, if given, an SDP body. */
  Response toCustomer(int status, Request invite, String tag, SipProvider provider, String sdp)
      throws ParseException {
    Response response = messages.createResponse(status, invite);
    ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(tag);
    response.setHeader(headers.createServerHeader(List.of(PRODUCT)));
    if (status > 100 && status < 300) {
      response.setHeader(contact(provider, transportOf(invite)));
    }
    if (sdp != null) {
      response.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
    }
    return response;
  }

  /** A response inside a dialog (tags as they are) with the bridge's Contact and, if given, an SDP body. */
  Response inDialog(int status, Request request, SipProvider provider, String sdp) throws ParseException {
    Response response = messages.createResponse(status, request);
    response.setHeader(headers.createServerHeader(List.of(PRODUCT)));
    if (status >= 200 && status < 300) {
      response.setHeader(contact(provider, transportOf(request)));
    }
    if (sdp != null) {
      response.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
    }
    return response;
  }

  /** A response to any request, with the Server header and, for an untagged request, a To tag. */
  Response plain(int status, Request request) throws ParseException {
    Response response = messages.createResponse(status, request);
    ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
    if (status > 100 && to != null && to.getTag() == null) {
      to.setTag(newTag());
    }
    response.setHeader(headers.createServerHeader(List.of(PRODUCT)));
    return response;
  }

  /**
   * The INVITE to an agent's phone at {@code contact} (its registered binding), from the customer's
   * number, to the agent's address-of-record, with the bridge's offer.
   */
  Request inviteAgent(String contact, String agentAor, Address customer, String switchboardCallId, String sdp,
      SipProvider provider) throws ParseException, InvalidArgumentException {
    URI target = addresses.createURI(contact);
    String transport = target instanceof SipURI sip && sip.getTransportParam() != null ? sip.getTransportParam() : "udp";
    SipURI fromUri = addresses.createSipURI(userOf(customer), provider.getListeningPoint(transport) == null
        ? provider.getListeningPoints()[0].getIPAddress()
        : provider.getListeningPoint(transport).getIPAddress());
    Address from = addresses.createAddress(fromUri);
    if (customer.getDisplayName() != null) {
      from.setDisplayName(customer.getDisplayName());
    }
    FromHeader fromHeader = headers.createFromHeader(from, newTag());
    ToHeader toHeader = headers.createToHeader(addresses.createAddress(agentAor), null);
    CallIdHeader callId = headers.createCallIdHeader(UUID.randomUUID() + "@switchboard");
    Request invite = messages.createRequest(target, Request.INVITE, callId,
        headers.createCSeqHeader(1L, Request.INVITE), fromHeader, toHeader, List.of(via(provider, transport)),
        headers.createMaxForwardsHeader(70), sdpType(), sdp.getBytes(StandardCharsets.UTF_8));
    invite.setHeader(contact(provider, transport));
    invite.setHeader(headers.createUserAgentHeader(List.of(PRODUCT)));
    invite.setHeader(headers.createHeader(CALL_ID_HEADER, switchboardCallId));
    return invite;
  }

  private ViaHeader via(SipProvider provider, String transport) throws ParseException, InvalidArgumentException {
    javax.sip.ListeningPoint point = point(provider, transport);
    return headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
  }

  ContactHeader contact(SipProvider provider, String transport) throws ParseException {
    javax.sip.ListeningPoint point = point(provider, transport);
    SipURI uri = addresses.createSipURI(null, point.getIPAddress());
    uri.setPort(point.getPort());
    if (!"udp".equalsIgnoreCase(point.getTransport())) {
      uri.setTransportParam(point.getTransport().toLowerCase(java.util.Locale.ROOT));
    }
    return headers.createContactHeader(addresses.createAddress(uri));
  }

  private static javax.sip.ListeningPoint point(SipProvider provider, String transport) {
    javax.sip.ListeningPoint point = provider.getListeningPoint(transport);
    return point != null ? point : provider.getListeningPoints()[0];
  }

  ContentTypeHeader sdpType() throws ParseException {
    return headers.createContentTypeHeader("application", "sdp");
  }

  /** The transport the request came over, from its top Via. */
  static String transportOf(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null ? "udp" : via.getTransport();
  }

  /** The transport a contact URI asks for ({@code transport=} parameter), UDP when it names none. */
  static String transportOfUri(String contact) {
    int at = contact.toLowerCase(java.util.Locale.ROOT).indexOf(";transport=");
    if (at < 0) {
      return contact.startsWith("sips:") ? "tls" : "udp";
    }
    int end = at + ";transport=".length();
    int stop = end;
    while (stop < contact.length() && Character.isLetter(contact.charAt(stop))) {
      stop++;
    }
    return contact.substring(end, stop).toLowerCase(java.util.Locale.ROOT);
  }

  /** The user part of a SIP address, or "anonymous". */
  static String userOf(Address address) {
    if (address != null && address.getURI() instanceof SipURI sip && sip.getUser() != null) {
      return sip.getUser();
    }
    return "anonymous";
  }

  static String body(javax.sip.message.Message message) {
    byte[] raw = message.getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }
}
