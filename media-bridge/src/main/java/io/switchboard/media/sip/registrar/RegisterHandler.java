package io.switchboard.media.sip.registrar;

import io.switchboard.media.sip.SipExchange;
import io.switchboard.media.sip.SipRequestHandler;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.TimeZone;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * REGISTER (RFC 3261 section 10.3) for agents' phones: the Request-URI names the tenant's domain,
 * digest authentication names the agent, and the To header must be that agent's own
 * address-of-record {@code sip:username@domain}.
 */
public final class RegisterHandler implements SipRequestHandler {

  private static final Logger log = LoggerFactory.getLogger(RegisterHandler.class);
  static final String MDC_AGENT = "agentId";
  private static final long BAD_EXPIRES = -2;

  private final HeaderFactory headers;
  private final AddressFactory addresses;
  private final SipCredentials credentials;
  private final DigestAuthenticator authenticator;
  private final FailedAttempts failures;
  private final Registrar registrar;
  private final RegistrarProperties properties;
  private final RegistrarMetrics metrics;

  RegisterHandler(
      HeaderFactory headers, AddressFactory addresses, SipCredentials credentials,
      DigestAuthenticator authenticator, FailedAttempts failures, Registrar registrar,
      RegistrarProperties properties, RegistrarMetrics metrics) {
    this.headers = headers;
    this.addresses = addresses;
    this.credentials = credentials;
    this.authenticator = authenticator;
    this.failures = failures;
    this.registrar = registrar;
    this.properties = properties;
    this.metrics = metrics;
  }

  @Override
  public String method() {
    return Request.REGISTER;
  }

  @Override
  public void handle(SipExchange exchange) throws Exception {
    Request request = exchange.request();
    if (!(request.getRequestURI() instanceof SipURI target)) {
      refuse(exchange, Response.UNSUPPORTED_URI_SCHEME, "request-uri-scheme", null);
      return;
    }
    String realm = target.getHost().toLowerCase(Locale.ROOT);
    if (!credentials.serves(realm)) {
      // The bridge is no proxy: a domain it holds no bindings for is not forwarded (RFC 3261 10.3 step 1).
      refuse(exchange, Response.FORBIDDEN, "domain-not-served", "Domain not served here");
      return;
    }
    AuthorizationHeader authorization = authorizationFor(request, realm);
    if (authorization == null) {
      challenge(exchange, realm, false, "no-credentials");
      return;
    }
    String source = source(request);
    DigestAnswer answer = answer(authorization);
    DigestAuthenticator.Verdict verdict =
        authenticator.check(answer, realm, request.getMethod(), request.getRequestURI().toString());
    if (verdict instanceof DigestAuthenticator.Malformed malformed) {
      log.info("REGISTER for {} with a malformed Authorization from {}: {}", realm, source, malformed.reason());
      refuse(exchange, Response.BAD_REQUEST, "malformed-authorization", malformed.reason());
    } else if (verdict instanceof DigestAuthenticator.Challenge again) {
      if (again.failedAttempt()) {
        failures.failed(realm, answer.username(), source, again.reason());
        metrics.authFailed(again.reason());
      }
      log.debug("REGISTER for {} challenged again from {}: {}", realm, source, again.reason());
      challenge(exchange, realm, again.stale(), again.reason());
    } else {
      failures.succeeded(realm, answer.username(), source);
      SipCredential credential = ((DigestAuthenticator.Authenticated) verdict).credential();
      try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_AGENT, credential.agentId())) {
        bind(exchange, credential);
      }
    }
  }

  private void bind(SipExchange exchange, SipCredential credential) throws Exception {
    Request request = exchange.request();
    String aor = "sip:" + credential.username() + "@" + credential.realm();
    if (!ownRecord(request, credential)) {
      // RFC 3261 10.3 step 6: authenticated, but not for this address-of-record.
      refuse(exchange, Response.FORBIDDEN, "not-own-aor", "Not your address-of-record");
      return;
    }
    ExpiresHeader expiresHeader = request.getExpires();
    int requested = expiresHeader == null ? -1 : expiresHeader.getExpires();
    List<ContactHeader> contacts = new ArrayList<>();
    ListIterator<?> each = request.getHeaders(ContactHeader.NAME);
    while (each.hasNext()) {
      contacts.add((ContactHeader) each.next());
    }
    boolean removeAll = contacts.stream().anyMatch(ContactHeader::isWildCard);
    if (removeAll && (contacts.size() != 1 || requested != 0)) {
      refuse(exchange, Response.BAD_REQUEST, "bad-wildcard", "Contact: * needs Expires: 0 and no other Contact");
      return;
    }
    List<BindingTable.ContactUpdate> updates = new ArrayList<>();
    boolean tooBrief = false;
    for (ContactHeader contact : removeAll ? List.<ContactHeader>of() : contacts) {
      URI uri = contact.getAddress().getURI();
      if (!(uri instanceof SipURI)) {
        refuse(exchange, Response.BAD_REQUEST, "bad-contact", "Contact must be a SIP URI");
        return;
      }
      long given = contactExpires(contact);
      if (given == BAD_EXPIRES) {
        refuse(exchange, Response.BAD_REQUEST, "bad-contact-expires", "Contact expires must be delta-seconds");
        return;
      }
      int seconds = given >= 0 ? (int) Math.min(given, Integer.MAX_VALUE)
          : requested >= 0 ? requested : properties.defaultExpires();
      if (seconds > 0 && seconds < properties.minExpires()) {
        tooBrief = true;
      }
      updates.add(new BindingTable.ContactUpdate(uri.toString(), Math.min(seconds, properties.maxExpires())));
    }
    if (tooBrief) {
      Response response = exchange.response(Response.INTERVAL_TOO_BRIEF);
      response.addHeader(headers.createMinExpiresHeader(properties.minExpires()));
      metrics.refused("interval-too-brief");
      exchange.send(response);
      return;
    }
    if (!removeAll && updates.isEmpty()) {
      // A query (RFC 3261 10.2.3): the current bindings, changed in nothing.
      ok(exchange, registrar.bindings(credential.tenantId(), credential.agentId()).orElse(null));
      return;
    }
    CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
    BindingTable.Outcome outcome =
        registrar.register(credential, aor, updates, removeAll, callId.getCallId(), cseq.getSeqNumber());
    if (outcome.refusal() == BindingTable.Refusal.OUT_OF_ORDER) {
      refuse(exchange, Response.BAD_REQUEST, "out-of-order", "CSeq not above the binding's");
      return;
    }
    if (outcome.refusal() == BindingTable.Refusal.TOO_MANY_CONTACTS) {
      refuse(exchange, Response.FORBIDDEN, "too-many-contacts", "Too many contacts");
      return;
    }
    log.info("Agent {} has {} SIP contact(s)", credential.agentId(), outcome.change().after().contacts().size());
    ok(exchange, outcome.change().after());
  }

  /**
   * The contact's {@code expires} parameter in seconds, -1 when absent, {@link #BAD_EXPIRES} when it
   * is not delta-seconds (JAIN-SIP reads such a value as absent). Digits beyond any sensible length
   * are taken as very long (RFC 3261 20.19), to be cut to the maximum.
   */
  private static long contactExpires(ContactHeader contact) {
    String value = contact.getParameter("expires");
    if (value == null) {
      return -1;
    }
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return BAD_EXPIRES;
    }
    return value.length() > 10 ? Integer.MAX_VALUE : Long.parseLong(value);
  }

  /** RFC 3261 10.3 step 8: 200 with every current binding and what is left of it. */
  private void ok(SipExchange exchange, AgentBindings bindings) throws Exception {
    Response ok = exchange.response(Response.OK);
    Instant now = registrar.now();
    if (bindings != null) {
      for (Binding binding : bindings.contacts()) {
        long millis = Duration.between(now, binding.expiresAt()).toMillis();
        if (millis <= 0) {
          continue;
        }
        // Rounded up: a binding made by this very request shows the seconds it was granted.
        long left = (millis + 999) / 1000;
        ContactHeader contact = headers.createContactHeader(addresses.createAddress(binding.contact()));
        contact.setExpires((int) left);
        ok.addHeader(contact);
      }
    }
    Calendar date = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
    date.setTimeInMillis(now.toEpochMilli());
    ok.setHeader(headers.createDateHeader(date));
    exchange.send(ok);
  }

  private boolean ownRecord(Request request, SipCredential credential) {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    if (!(to.getAddress().getURI() instanceof SipURI record)) {
      return false;
    }
    return credential.username().equals(record.getUser())
        && credential.realm().equalsIgnoreCase(record.getHost());
  }

  /** One WWW-Authenticate per algorithm in order of preference (RFC 8760 2.4), with a nonce each. */
  private void challenge(SipExchange exchange, String realm, boolean stale, String reason) throws Exception {
    Response response = exchange.response(Response.UNAUTHORIZED);
    for (DigestAlgorithm algorithm : authenticator.algorithms()) {
      WWWAuthenticateHeader header = headers.createWWWAuthenticateHeader("Digest");
      header.setRealm(realm);
      header.setNonce(authenticator.nonces().issue(realm));
      header.setAlgorithm(algorithm.token());
      header.setQop("auth");
      if (stale) {
        header.setStale(true);
      }
      response.addHeader(header);
    }
    metrics.challenged(reason);
    exchange.send(response);
  }

  private void refuse(SipExchange exchange, int status, String reason, String phrase) throws Exception {
    Response response = exchange.response(status);
    if (phrase != null) {
      try {
        response.setReasonPhrase(phrase);
      } catch (ParseException e) {
        throw new IllegalStateException(e);
      }
    }
    metrics.refused(reason);
    exchange.send(response);
  }

  /** The Authorization header answering this realm; a client may send one per realm it knows. */
  private static AuthorizationHeader authorizationFor(Request request, String realm) {
    ListIterator<?> each = request.getHeaders(AuthorizationHeader.NAME);
    AuthorizationHeader first = null;
    while (each.hasNext()) {
      AuthorizationHeader header = (AuthorizationHeader) each.next();
      if (!"Digest".equalsIgnoreCase(header.getScheme())) {
        continue;
      }
      if (realm.equalsIgnoreCase(header.getRealm())) {
        return header;
      }
      if (first == null) {
        first = header;
      }
    }
    return first;
  }

  private static DigestAnswer answer(AuthorizationHeader header) {
    return new DigestAnswer(
        header.getUsername(),
        header.getRealm(),
        header.getNonce(),
        header.getParameter("uri"),
        header.getResponse(),
        header.getAlgorithm(),
        header.getQop(),
        header.getParameter("nc"),
        header.getCNonce());
  }

  /** The address the request came from, as the top Via says (received= when the stack added it). */
  private static String source(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    if (via == null) {
      return "unknown";
    }
    return via.getReceived() != null ? via.getReceived() : via.getHost();
  }

  @Override
  public String toString() {
    return "RegisterHandler";
  }
}
