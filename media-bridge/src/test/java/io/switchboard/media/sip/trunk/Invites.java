package io.switchboard.media.sip.trunk;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.switchboard.media.sip.registrar.DigestAlgorithm;
import java.text.ParseException;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.message.Request;

/** INVITEs as a carrier sends them, parsed by JAIN-SIP's message factory. */
final class Invites {

  private Invites() {}

  static Request invite(String requestUri, String extraHeaders) {
    String text = "INVITE " + requestUri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-" + System.nanoTime() + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:caller@carrier.example>;tag=1\r\n"
        + "To: <" + requestUri + ">\r\n"
        + "Call-ID: " + System.nanoTime() + "@carrier.example\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:caller@192.0.2.10:5060>\r\n"
        + extraHeaders
        + "Content-Length: 0\r\n\r\n";
    try {
      return new MessageFactoryImpl().createRequest(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The Proxy-Authorization line answering {@code challenge} for {@code username}/{@code password}. */
  static String answer(ProxyAuthenticateHeader challenge, String requestUri, String username, String password,
      String nc) {
    DigestAlgorithm algorithm = DigestAlgorithm.fromToken(challenge.getAlgorithm()).orElseThrow();
    String ha1 = algorithm.ha1(username, challenge.getRealm(), password);
    String cnonce = "c0ffee";
    String response = algorithm.response(ha1, challenge.getNonce(), nc, cnonce, "INVITE", requestUri);
    return "Proxy-Authorization: Digest username=\"" + username + "\", realm=\"" + challenge.getRealm()
        + "\", nonce=\"" + challenge.getNonce() + "\", uri=\"" + requestUri + "\", response=\"" + response
        + "\", algorithm=" + algorithm.token() + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"\r\n";
  }
}
