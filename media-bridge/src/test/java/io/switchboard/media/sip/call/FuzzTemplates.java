package io.switchboard.media.sip.call;

import java.nio.charset.StandardCharsets;

/**
 * Valid SIP requests over UDP from a raw socket on loopback, the starting points of the fuzz and the
 * frame of the wrong-but-well-formed requests: every method the bridge meets, in and out of dialogs.
 */
final class FuzzTemplates {

  /** How many kinds {@link #message} makes. */
  static final int COUNT = 10;

  private FuzzTemplates() {}

  /** An SDP offer of {@code formats} ({@code "0 8 101"}) at an RTP port nobody listens on. */
  static String sdp(String formats, String... attributes) {
    StringBuilder sdp = new StringBuilder("v=0\r\no=fuzz 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP " + formats + "\r\n");
    for (String attribute : attributes) {
      sdp.append("a=").append(attribute).append("\r\n");
    }
    return sdp.toString();
  }

  /** Kind {@code kind} (0 to {@value #COUNT} - 1) of valid request; {@code id} makes its branch, tags and Call-ID. */
  static String message(int kind, int localPort, int bridgePort, String id, String realm) {
    String pcmu = sdp("0 8 101", "rtpmap:101 telephone-event/8000");
    return switch (kind) {
      case 0 -> options(localPort, bridgePort, id);
      case 1 -> request("REGISTER sip:" + realm, localPort, id, null, 7, "REGISTER",
          "Contact: <sip:1001@127.0.0.1:5090>;expires=3600\r\nExpires: 3600\r\n", null, "");
      case 2 -> invite("flood", localPort, bridgePort, id, null, pcmu);
      case 3 -> invite("nobody", localPort, bridgePort, id, null, pcmu);
      case 4 -> request("ACK sip:flood@127.0.0.1:" + bridgePort, localPort, id, "theirs-" + id, 1, "ACK", "", null, "");
      case 5 -> request("BYE sip:flood@127.0.0.1:" + bridgePort, localPort, id, "theirs-" + id, 2, "BYE", "", null, "");
      case 6 -> request("CANCEL sip:flood@127.0.0.1:" + bridgePort, localPort, id, null, 1, "CANCEL", "", null, "");
      case 7 -> request("INFO sip:flood@127.0.0.1:" + bridgePort, localPort, id, "theirs-" + id, 3, "INFO", "",
          "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");
      case 8 -> invite("flood", localPort, bridgePort, id, "theirs-" + id, pcmu);
      case 9 -> invite("flood", localPort, bridgePort, id, null, sdp("18", "rtpmap:18 G729/8000"));
      default -> throw new IllegalArgumentException("No template " + kind);
    };
  }

  static String options(int localPort, int bridgePort, String id) {
    return request("OPTIONS sip:bridge@127.0.0.1:" + bridgePort, localPort, id, null, 1, "OPTIONS", "", null, "");
  }

  /** An INVITE to {@code number} with {@code sdp}, inside dialog {@code toTag} when not null. */
  static String invite(String number, int localPort, int bridgePort, String id, String toTag, String sdp) {
    return request("INVITE sip:" + number + "@127.0.0.1:" + bridgePort, localPort, id, toTag, toTag == null ? 1 : 2,
        "INVITE", "Contact: <sip:fuzz@127.0.0.1:" + localPort + ">\r\n", "application/sdp", sdp);
  }

  /**
   * A request from {@code 127.0.0.1:localPort}: {@code startLine} without the version, {@code extra}
   * header lines (each ending in CRLF), a body of {@code contentType} (none when null) with its length.
   */
  static String request(String startLine, int localPort, String id, String toTag, int cseq, String method,
      String extra, String contentType, String body) {
    String target = startLine.substring(startLine.indexOf(' ') + 1);
    return startLine + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + id + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Fuzz\" <sip:fuzz@127.0.0.1>;tag=from-" + id + "\r\n"
        + "To: <" + target + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + "Call-ID: " + id + "@127.0.0.1\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + extra
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n"
        + body;
  }
}
