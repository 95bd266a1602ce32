package io.switchboard.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A carrier's side of a trunk, on loopback: one UDP socket sending hand-written INVITEs with a PCMU
 * offer, and the ACK or CANCEL that ends each, so the test depends on no SIP stack of the bridge's.
 */
final class TrunkCaller implements AutoCloseable {

  /** The response that ended the wait: its status line, and its To header (with the bridge's tag). */
  record Answer(int status, String reason, String to) {}

  private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ([^\\r\\n]*)");
  private static final Pattern TO = Pattern.compile("(?im)^(?:To|t):\\s*([^\\r\\n]+)");
  private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i):\\s*([^\\r\\n]+)");
  private static final Pattern CSEQ = Pattern.compile("(?im)^CSeq:\\s*\\d+\\s+([A-Z]+)");

  private final DatagramSocket socket;
  private final InetSocketAddress bridge;
  private String callId;
  private String branch;
  private String fromTag;
  private String number;

  TrunkCaller(int bridgePort) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    bridge = new InetSocketAddress(InetAddress.getLoopbackAddress(), bridgePort);
  }

  /** INVITEs {@code dialed} and waits for the first response of 183 or more. */
  Answer invite(String dialed, Duration wait) {
    try {
      return inviteAndWait(dialed, wait);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer inviteAndWait(String dialed, Duration wait) throws IOException {
    number = dialed;
    callId = UUID.randomUUID() + "@127.0.0.1";
    branch = "z9hG4bK-" + UUID.randomUUID();
    fromTag = UUID.randomUUID().toString().substring(0, 8);
    String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + (socket.getLocalPort() + 2) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    send("INVITE", 1, "<sip:" + number + "@127.0.0.1>", "Contact: <sip:carrier@127.0.0.1:" + socket.getLocalPort()
        + ">\r\nContent-Type: application/sdp\r\n", sdp);
    Instant deadline = Instant.now().plus(wait);
    byte[] buffer = new byte[8192];
    while (Instant.now().isBefore(deadline)) {
      socket.setSoTimeout((int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        break;
      }
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      Matcher status = STATUS.matcher(text);
      Matcher to = TO.matcher(text);
      if (!answersTheInvite(text)) {
        // A late response of an earlier call (the 200 to its CANCEL, its 487, a retransmission).
        continue;
      }
      if (status.find() && Integer.parseInt(status.group(1)) >= 183 && to.find()) {
        Answer answer = new Answer(Integer.parseInt(status.group(1)), status.group(2).strip(), to.group(1).strip());
        if (answer.status() >= 300) {
          // A final refusal of an INVITE is acknowledged in its transaction (RFC 3261 17.1.1.3).
          send("ACK", 1, answer.to(), "", "");
        }
        return answer;
      }
    }
    throw new AssertionError("No answer to the INVITE of " + dialed + " within " + wait);
  }

  private boolean answersTheInvite(String response) {
    Matcher id = CALL_ID.matcher(response);
    Matcher cseq = CSEQ.matcher(response);
    return id.find() && id.group(1).strip().equals(callId) && cseq.find() && cseq.group(1).equals("INVITE");
  }

  /** Cancels the INVITE last sent, as a caller hanging up before an answer. */
  void cancel() {
    try {
      send("CANCEL", 1, "<sip:" + number + "@127.0.0.1>", "", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(String method, int cseq, String to, String headers, String body) throws IOException {
    String message = method + " sip:" + number + "@127.0.0.1:" + bridge.getPort() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=" + branch + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:carrier@127.0.0.1>;tag=" + fromTag + "\r\n"
        + "To: " + to + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + headers
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, bridge));
  }

  @Override
  public void close() {
    socket.close();
  }
}
