package io.switchboard.media.sip.registrar;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.TestStacks;
import io.switchboard.testsupport.Poll;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A phone on loopback that registers with a bridge through its own JAIN-SIP stack, and answers
 * digest challenges with its own computation (not the bridge's), as a real phone would.
 */
public final class TestPhone implements AutoCloseable, SipListener {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private final MessageFactoryImpl messages = new MessageFactoryImpl();
  private final Map<Long, Object> outcomes = new ConcurrentHashMap<>();
  private final SipStackImpl stack;
  private final SipProvider provider;
  private final int port;
  private final String user;
  private final String realm;
  private final String transport;
  private final String callId = UUID.randomUUID() + "@127.0.0.1";
  private long cseq;
  private int nc;

  public TestPhone(int bridgePort, String user, String realm) throws Exception {
    this(bridgePort, user, realm, "udp");
  }

  /** {@code transport}: {@code udp} or {@code tcp}. */
  public TestPhone(int bridgePort, String user, String realm, String transport) throws Exception {
    this.transport = transport;
    this.user = user;
    this.realm = realm;
    Properties properties = new Properties();
    properties.setProperty("javax.sip.STACK_NAME", "test-phone-" + UUID.randomUUID());
    properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    // The Request-URI names the tenant's domain; the request goes to the bridge on loopback.
    properties.setProperty("javax.sip.OUTBOUND_PROXY", "127.0.0.1:" + bridgePort + "/" + transport);
    properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", io.switchboard.media.sip.Slf4jStackLogger.class.getName());
    stack = new SipStackImpl(properties);
    port = FreePorts.udpAndTcp();
    provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", port, transport));
    provider.addSipListener(this);
    stack.start();
  }

  /** This phone's contact URI. */
  public String contact() {
    return "sip:" + user + "@127.0.0.1:" + port + (transport.equals("udp") ? "" : ";transport=" + transport);
  }

  /** Sends one REGISTER with these extra header lines (each ending in CRLF) and waits for the final answer. */
  public Response send(String headers, String authorization) throws Exception {
    long number = ++cseq;
    String text = "REGISTER sip:" + realm + " SIP/2.0\r\n"
        + "Via: SIP/2.0/" + transport.toUpperCase(java.util.Locale.ROOT) + " 127.0.0.1:" + port + ";branch=z9hG4bK-" + UUID.randomUUID() + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + user + "@" + realm + ">;tag=" + Long.toHexString(number) + "phone\r\n"
        + "To: <sip:" + user + "@" + realm + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + number + " REGISTER\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + headers
        + "Content-Length: 0\r\n\r\n";
    Request request = messages.createRequest(text);
    ClientTransaction transaction = provider.getNewClientTransaction(request);
    transaction.sendRequest();
    Object outcome = Poll.until(ANSWER_TIMEOUT, "REGISTER " + number + " answered", () -> outcomes.get(number));
    if (outcome instanceof Response response) {
      return response;
    }
    throw new AssertionError("REGISTER failed: " + outcome);
  }

  /** REGISTER, then the answer to its challenge with {@code algorithm}: the final response. */
  public Response register(String headers, String password, String algorithm) throws Exception {
    Response challenge = send(headers, null);
    if (challenge.getStatusCode() != 401) {
      return challenge;
    }
    return answer(challenge, headers, password, algorithm);
  }

  /** Answers the challenge of {@code challenge} that uses {@code algorithm}. */
  public Response answer(Response challenge, String headers, String password, String algorithm) throws Exception {
    return send(headers, authorization(challengeFor(challenge, algorithm), password));
  }

  public static WWWAuthenticateHeader challengeFor(Response challenge, String algorithm) {
    List<WWWAuthenticateHeader> offered = new ArrayList<>();
    challenge.getHeaders(WWWAuthenticateHeader.NAME)
        .forEachRemaining(header -> offered.add((WWWAuthenticateHeader) header));
    return offered.stream().filter(header -> algorithm.equalsIgnoreCase(header.getAlgorithm())).findFirst()
        .orElseThrow(() -> new AssertionError("No " + algorithm + " challenge in " + challenge));
  }

  public String authorization(WWWAuthenticateHeader challenge, String password) {
    String algorithm = challenge.getAlgorithm();
    String jca = algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5";
    String uri = "sip:" + realm;
    String ncValue = String.format("%08x", ++nc);
    String cnonce = UUID.randomUUID().toString().replace("-", "");
    String ha1 = hex(jca, user + ":" + challenge.getRealm() + ":" + password);
    String ha2 = hex(jca, "REGISTER:" + uri);
    String response = hex(jca, ha1 + ":" + challenge.getNonce() + ":" + ncValue + ":" + cnonce + ":auth:" + ha2);
    return "Digest username=\"" + user + "\", realm=\"" + challenge.getRealm() + "\", nonce=\""
        + challenge.getNonce() + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm="
        + algorithm + ", qop=auth, nc=" + ncValue + ", cnonce=\"" + cnonce + "\"";
  }

  /** The contacts of a 2xx with their expires, as URI → seconds. */
  public static Map<String, Integer> contacts(Response response) {
    Map<String, Integer> contacts = new java.util.LinkedHashMap<>();
    response.getHeaders(ContactHeader.NAME).forEachRemaining(header -> {
      ContactHeader contact = (ContactHeader) header;
      contacts.put(contact.getAddress().getURI().toString(), contact.getExpires());
    });
    return contacts;
  }

  private static String hex(String algorithm, String data) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void processResponse(ResponseEvent event) {
    Response response = event.getResponse();
    if (response.getStatusCode() >= 200) {
      outcomes.put(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber(), response);
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    Request request = event.getClientTransaction().getRequest();
    outcomes.put(((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber(), "timeout");
  }

  @Override
  public void processRequest(RequestEvent event) {}

  @Override
  public void processIOException(IOExceptionEvent event) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  @Override
  public void close() {
    TestStacks.shutDown(stack, provider, this);
  }
}
