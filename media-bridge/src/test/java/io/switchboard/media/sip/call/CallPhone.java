package io.switchboard.media.sip.call;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.switchboard.media.rtp.TestPhone;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.TestStacks;
import io.switchboard.testsupport.Poll;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A phone in a B2BUA test, on its own JAIN-SIP stack over loopback UDP: it calls (INVITE with an SDP
 * offer, ACK, CANCEL, BYE) or takes calls (180, then 200 with an SDP answer, 486, or ringing on), and
 * sends and counts RTP on a socket of its own, as a desk phone or a carrier would.
 */
final class CallPhone implements SipListener, AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * What the phone does with the next INVITE it receives; GLARE answers a re-INVITE 491; CHALLENGE
   * answers 407 with a digest challenge of realm {@code carrier.example}, nonce {@code n0nce}.
   */
  enum Answer { ANSWER, BUSY, RING, GLARE, CHALLENGE }

  private static final Pattern MEDIA_PORT = Pattern.compile("(?m)^m=audio (\\d+) ");
  private static final Pattern CONNECTION = Pattern.compile("(?m)^c=IN IP4 ([0-9.]+)");

  private final SipStackImpl stack;
  private final SipProvider provider;
  private final MessageFactoryImpl messages = new MessageFactoryImpl();
  private final HeaderFactory headers;
  private final AddressFactory addresses;
  private final int port;
  private final String user;
  final TestPhone media = new TestPhone(ThreadLocalRandom.current().nextLong(1L << 32));

  final List<Response> responses = Collections.synchronizedList(new ArrayList<>());
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Answer> answers = new ConcurrentLinkedDeque<>();
  private final Deque<Answer> reInviteAnswers = new ConcurrentLinkedDeque<>();
  /** Header lines the phone adds to its 200 for a call it takes (e.g. Session-Expires). */
  private volatile String answerHeaders = "";

  private volatile ClientTransaction invite;
  private volatile ServerTransaction incoming;
  private volatile Request incomingInvite;
  private volatile String incomingTag;
  private int tags;
  private volatile Dialog dialog;
  private volatile String remoteSdp;
  private int sdpVersion;

  CallPhone(String user) throws Exception {
    this.user = user;
    Properties properties = new Properties();
    properties.setProperty("javax.sip.STACK_NAME", "call-phone-" + UUID.randomUUID());
    properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", io.switchboard.media.sip.Slf4jStackLogger.class.getName());
    stack = new SipStackImpl(properties);
    port = FreePorts.udpAndTcp();
    provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", port, "udp"));
    provider.addSipListener(this);
    headers = javax.sip.SipFactory.getInstance().createHeaderFactory();
    addresses = javax.sip.SipFactory.getInstance().createAddressFactory();
    stack.start();
  }

  /** The contact this phone registers: calls to it reach its stack. */
  String contact() {
    return "sip:" + user + "@127.0.0.1:" + port;
  }

  /** Queues what the next INVITEs get, in order; once they are used up, ANSWER. */
  void willAnswer(Answer... next) {
    answers.addAll(List.of(next));
  }

  /** Queues what the next re-INVITEs in the call get (ANSWER or GLARE); once used up, ANSWER. */
  void willAnswerReInvites(Answer... next) {
    reInviteAnswers.addAll(List.of(next));
  }

  /** Adds {@code name: value} to the 200 of each call the phone takes. */
  void answerWith(String name, String value) {
    answerHeaders = name + ": " + value;
  }

  /** The 200s from here on carry no header {@link #answerWith} added. */
  void answerPlainly() {
    answerHeaders = "";
  }

  /** Answers the INVITE this phone is ringing for (one it was told to RING): 200 with its SDP. */
  void answerRinging() throws Exception {
    Response ok = messages.createResponse(Response.OK, incomingInvite);
    ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(incomingTag);
    ok.addHeader(contactHeader());
    ok.setContent(sdp("PCMU", "PCMA", "telephone-event"), headers.createContentTypeHeader("application", "sdp"));
    incoming.sendResponse(ok);
  }

  /** Re-INVITEs (with a To tag) received so far. */
  List<Request> reInvites() {
    synchronized (requests) {
      return requests.stream().filter(r -> Request.INVITE.equals(r.getMethod())
          && ((ToHeader) r.getHeader(ToHeader.NAME)).getTag() != null).toList();
    }
  }

  /** An UPDATE without a body in the call's dialog (a session refresh); returns its final response. */
  Response update() throws Exception {
    Request request = dialog.createRequest(Request.UPDATE);
    request.setHeader(contactHeader());
    return sendInDialog(request);
  }

  /** An SDP offer or answer at this phone's RTP port with these payload types (0 PCMU, 8 PCMA, 101 telephone-event). */
  String sdp(String... formats) {
    return sdpWith("sendrecv", formats);
  }

  /** The same in {@code direction} ({@code sendonly}, {@code inactive}, …), version {@code ++version}. */
  String sdpWith(String direction, String... formats) {
    int rtp = media.rtpAddress().getPort();
    StringBuilder rtpmaps = new StringBuilder();
    List<String> types = new ArrayList<>();
    for (String format : formats) {
      switch (format) {
        case "PCMU" -> { types.add("0"); rtpmaps.append("a=rtpmap:0 PCMU/8000\r\n"); }
        case "PCMA" -> { types.add("8"); rtpmaps.append("a=rtpmap:8 PCMA/8000\r\n"); }
        case "G729" -> { types.add("18"); rtpmaps.append("a=rtpmap:18 G729/8000\r\n"); }
        case "telephone-event" -> {
          types.add("101");
          rtpmaps.append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n");
        }
        default -> throw new IllegalArgumentException(format);
      }
    }
    return "v=0\r\no=" + user + " 1 " + (++sdpVersion) + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + rtp + " RTP/AVP " + String.join(" ", types) + "\r\n" + rtpmaps + "a=" + direction + "\r\n";
  }

  /** Calls {@code number} at the bridge on {@code bridgePort} with {@code sdp} (null: no body). */
  void call(int bridgePort, String number, String sdp) throws Exception {
    call(bridgePort, number, sdp, "");
  }

  /** The same with {@code headers} (whole lines, each ending CRLF) added to the INVITE. */
  void call(int bridgePort, String number, String sdp, String headers) throws Exception {
    String body = sdp == null ? "" : sdp;
    String text = "INVITE sip:" + number + "@127.0.0.1:" + bridgePort + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + UUID.randomUUID() + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Caller " + user + "\" <sip:" + user + "@127.0.0.1:" + port + ">;tag=" + UUID.randomUUID() + "\r\n"
        + "To: <sip:" + number + "@127.0.0.1:" + bridgePort + ">\r\n"
        + "Call-ID: " + UUID.randomUUID() + "@127.0.0.1\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <" + contact() + ">\r\n"
        + headers
        + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    Request request = messages.createRequest(text);
    ClientTransaction transaction = provider.getNewClientTransaction(request);
    dialog = provider.getNewDialog(transaction);
    invite = transaction;
    transaction.sendRequest();
  }

  /** Waits for a response to the INVITE with {@code status}. */
  Response awaitStatus(int status) {
    return Poll.until(WAIT, user + " gets " + status, () -> firstResponse(status));
  }

  /** The INVITE's final response. */
  Response awaitFinal() {
    return Poll.until(WAIT, user + "'s final response", () -> {
      synchronized (responses) {
        return responses.stream().filter(r -> r.getStatusCode() >= 200 && isInvite(r)).findFirst().orElse(null);
      }
    });
  }

  /** The first response with {@code status} received so far, or null. */
  Response firstProvisional(int status) {
    return firstResponse(status);
  }

  private Response firstResponse(int status) {
    synchronized (responses) {
      return responses.stream().filter(r -> r.getStatusCode() == status && isInvite(r)).findFirst().orElse(null);
    }
  }

  private static boolean isInvite(Response response) {
    return Request.INVITE.equals(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod());
  }

  /** Waits for a request of {@code method} received by this phone. */
  Request awaitRequest(String method) {
    return Poll.until(WAIT, user + " receives " + method, () -> {
      synchronized (requests) {
        return requests.stream().filter(r -> r.getMethod().equals(method)).findFirst().orElse(null);
      }
    });
  }

  int received(String method) {
    synchronized (requests) {
      return (int) requests.stream().filter(r -> r.getMethod().equals(method)).count();
    }
  }

  /** A re-INVITE in the call's dialog with {@code sdp}; returns its final response. */
  Response reInvite(String sdp) throws Exception {
    Request request = dialog.createRequest(Request.INVITE);
    request.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
    request.setHeader(contactHeader());
    long number = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    dialog.sendRequest(provider.getNewClientTransaction(request));
    return Poll.until(WAIT, user + "'s re-INVITE " + number + " answered", () -> {
      synchronized (responses) {
        return responses.stream().filter(r -> r.getStatusCode() >= 200 && isInvite(r)
            && ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber() == number).findFirst().orElse(null);
      }
    });
  }

  void cancel() throws Exception {
    provider.getNewClientTransaction(invite.createCancel()).sendRequest();
  }

  void bye() throws Exception {
    Request bye = dialog.createRequest(Request.BYE);
    dialog.sendRequest(provider.getNewClientTransaction(bye));
  }

  /** Where the other side wants RTP, from the last SDP it sent (183 or 200, or the INVITE). */
  InetSocketAddress remoteRtp() {
    String sdp = remoteSdp;
    if (sdp == null) {
      throw new AssertionError(user + " has no SDP from the other side");
    }
    Matcher port = MEDIA_PORT.matcher(sdp);
    Matcher address = CONNECTION.matcher(sdp);
    if (!port.find() || !address.find()) {
      throw new AssertionError("No audio in " + sdp);
    }
    return new InetSocketAddress(address.group(1), Integer.parseInt(port.group(1)));
  }

  String remoteSdp() {
    return remoteSdp;
  }

  /** Sends {@code count} RTP packets (payload type 0) to the other side, numbered from {@code first}. */
  void sendRtp(int first, int count) {
    InetSocketAddress to = remoteRtp();
    for (int i = 0; i < count; i++) {
      media.sendRtp(first + i, to);
    }
  }

  /**
   * One key press as RFC 4733 telephone-events (payload type 101): three packets of one event
   * timestamp, the last sent three times with the end bit, as phones do.
   */
  void pressKey(int event, long timestamp, int firstSequence) {
    InetSocketAddress to = remoteRtp();
    for (int i = 0; i < 6; i++) {
      boolean end = i >= 3;
      int duration = Math.min(i + 1, 4) * 160;
      java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(16);
      packet.put((byte) 0x80).put((byte) ((i == 0 ? 0x80 : 0) | 101)).putShort((short) (firstSequence + i))
          .putInt((int) timestamp).putInt((int) media.ssrc());
      packet.put((byte) event).put((byte) ((end ? 0x80 : 0) | 10)).putShort((short) duration);
      media.sendRawRtp(packet.array(), to);
    }
  }

  /** An INFO in the call's dialog with this body; returns its final response. */
  Response info(String type, String subtype, String body) throws Exception {
    Request request = dialog.createRequest(Request.INFO);
    request.setContent(body, headers.createContentTypeHeader(type, subtype));
    return sendInDialog(request);
  }

  /** A REFER in the call's dialog to {@code referTo} (null: without a Refer-To); returns its final response. */
  Response refer(String referTo) throws Exception {
    Request request = dialog.createRequest(Request.REFER);
    if (referTo != null) {
      request.setHeader(headers.createReferToHeader(addresses.createAddress(referTo)));
    }
    request.setHeader(contactHeader());
    return sendInDialog(request);
  }

  /** The status lines of the NOTIFYs' sipfrag bodies received so far, in order. */
  List<String> notified() {
    synchronized (requests) {
      return requests.stream().filter(r -> Request.NOTIFY.equals(r.getMethod()))
          .map(r -> new String(r.getRawContent(), StandardCharsets.UTF_8).strip()).toList();
    }
  }

  private Response sendInDialog(Request request) throws Exception {
    String method = request.getMethod();
    long number = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    dialog.sendRequest(provider.getNewClientTransaction(request));
    return Poll.until(WAIT, user + "'s " + method + " " + number + " answered", () -> {
      synchronized (responses) {
        return responses.stream().filter(r -> r.getStatusCode() >= 200
            && method.equals(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod())
            && ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber() == number).findFirst().orElse(null);
      }
    });
  }

  /** RTP received from {@code ssrc} so far. */
  long rtpFrom(long ssrc) {
    return media.rtpReceived().stream().filter(packet -> ssrcOf(packet) == ssrc).count();
  }

  /** RTP received from anyone but {@code ssrc}: the bridge's own prompt while waiting. */
  long rtpNotFrom(long ssrc) {
    return media.rtpReceived().stream().filter(packet -> ssrcOf(packet) != ssrc).count();
  }

  static long ssrcOf(byte[] packet) {
    return ((packet[8] & 0xffL) << 24) | ((packet[9] & 0xffL) << 16) | ((packet[10] & 0xffL) << 8) | (packet[11] & 0xffL);
  }

  // ---------------------------------------------------------------------------------------------

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    requests.add(request);
    try {
      ServerTransaction transaction = event.getServerTransaction();
      if (transaction == null && !Request.ACK.equals(request.getMethod())) {
        transaction = provider.getNewServerTransaction(request);
      }
      switch (request.getMethod()) {
        case Request.INVITE -> {
          if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            answerReInvite(request, transaction);
          } else {
            takeCall(request, transaction);
          }
        }
        case Request.CANCEL -> {
          transaction.sendResponse(messages.createResponse(Response.OK, request));
          if (incoming != null) {
            Response terminated = messages.createResponse(Response.REQUEST_TERMINATED, incomingInvite);
            ((ToHeader) terminated.getHeader(ToHeader.NAME)).setTag(incomingTag);
            incoming.sendResponse(terminated);
          }
        }
        case Request.ACK -> { }
        default -> transaction.sendResponse(messages.createResponse(Response.OK, request));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void takeCall(Request request, ServerTransaction transaction) throws Exception {
    // A tag per INVITE, as a phone makes one per dialog: a challenged INVITE and its retry are two.
    incomingTag = user + "-tag-" + (++tags);
    incoming = transaction;
    incomingInvite = request;
    dialog = provider.getNewDialog(transaction);
    remoteSdp = new String(request.getRawContent(), StandardCharsets.UTF_8);
    Response ringing = messages.createResponse(Response.RINGING, request);
    ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(incomingTag);
    ringing.addHeader(contactHeader());
    transaction.sendResponse(ringing);
    Answer answer = answers.isEmpty() ? Answer.ANSWER : answers.poll();
    switch (answer) {
      case ANSWER -> {
        Response ok = messages.createResponse(Response.OK, request);
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(incomingTag);
        ok.addHeader(contactHeader());
        if (!answerHeaders.isEmpty()) {
          int colon = answerHeaders.indexOf(':');
          ok.addHeader(headers.createHeader(answerHeaders.substring(0, colon), answerHeaders.substring(colon + 1).strip()));
        }
        ok.setContent(sdp("PCMU", "PCMA", "telephone-event"), headers.createContentTypeHeader("application", "sdp"));
        transaction.sendResponse(ok);
      }
      case CHALLENGE -> {
        Response challenge = messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, request);
        ((ToHeader) challenge.getHeader(ToHeader.NAME)).setTag(incomingTag);
        challenge.addHeader(headers.createHeader("Proxy-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n0nce\", algorithm=MD5"));
        transaction.sendResponse(challenge);
      }
      case GLARE, BUSY -> {
        Response busy = messages.createResponse(Response.BUSY_HERE, request);
        ((ToHeader) busy.getHeader(ToHeader.NAME)).setTag(incomingTag);
        transaction.sendResponse(busy);
      }
      case RING -> { }
    }
  }

  private void answerReInvite(Request request, ServerTransaction transaction) throws Exception {
    Answer answer = reInviteAnswers.isEmpty() ? Answer.ANSWER : reInviteAnswers.poll();
    if (answer == Answer.GLARE) {
      transaction.sendResponse(messages.createResponse(Response.REQUEST_PENDING, request));
      return;
    }
    Response ok = messages.createResponse(Response.OK, request);
    ok.addHeader(contactHeader());
    ok.setContent(sdp("PCMU", "PCMA", "telephone-event"), headers.createContentTypeHeader("application", "sdp"));
    transaction.sendResponse(ok);
  }

  private ContactHeader contactHeader() throws Exception {
    return headers.createContactHeader(addresses.createAddress(contact()));
  }

  @Override
  public void processResponse(ResponseEvent event) {
    Response response = event.getResponse();
    responses.add(response);
    byte[] body = response.getRawContent();
    if (body != null && body.length > 0) {
      remoteSdp = new String(body, StandardCharsets.UTF_8);
    }
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    if (response.getStatusCode() / 100 == 2 && Request.INVITE.equals(cseq.getMethod())) {
      try {
        Dialog answered = event.getDialog() != null ? event.getDialog() : dialog;
        answered.sendAck(answered.createAck(cseq.getSeqNumber()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {}

  @Override
  public void processIOException(IOExceptionEvent event) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  @Override
  public void close() {
    media.close();
    TestStacks.shutDown(stack, provider, this);
  }
}
