package io.switchboard.media.sip.trunk;

import io.switchboard.media.sip.registrar.DigestAlgorithm;
import io.switchboard.media.sip.registrar.Nonces;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sip.header.ProxyAuthorizationHeader;

/**
 * Checks a trunk's {@code Proxy-Authorization} answer the way the registrar checks REGISTER: only
 * {@code qop=auth}, the registrar's signed nonces, each nonce count accepted once.
 */
final class TrunkDigest {

  record Trusted(Trunk trunk) {}

  /** Challenge again (407), with stale=true when only the nonce was too old. */
  record Again(boolean stale, String reason) {}

  record Malformed(String reason) {}

  private TrunkDigest() {}

  static Object check(ProxyAuthorizationHeader answer, List<Trunk> candidates, String realm, String method,
      String requestUri, Nonces nonces, List<DigestAlgorithm> algorithms) {
    String uri = answer.getParameter("uri");
    if (answer.getUsername() == null || answer.getNonce() == null || uri == null || answer.getResponse() == null) {
      return new Malformed("Proxy-Authorization lacks username, nonce, uri or response");
    }
    if (!uri.trim().equalsIgnoreCase(requestUri.trim())) {
      return new Malformed("Proxy-Authorization uri differs from the Request-URI");
    }
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(answer.getAlgorithm());
    if (algorithm.isEmpty() || !algorithms.contains(algorithm.get())) {
      return new Again(false, "unsupported-algorithm");
    }
    if (answer.getQop() == null || !answer.getQop().toLowerCase(Locale.ROOT).equals("auth")) {
      return new Again(false, "no-qop-auth");
    }
    long nc = nonceCount(answer.getParameter("nc"));
    if (nc < 1 || answer.getCNonce() == null || answer.getCNonce().isEmpty()) {
      return new Malformed("qop=auth needs nc (8 hex digits) and cnonce");
    }
    Nonces.Validity validity = nonces.validate(answer.getNonce(), realm);
    if (validity == Nonces.Validity.INVALID) {
      return new Again(false, "bad-nonce");
    }
    Trunk trunk = candidates.stream().filter(each -> each.digestUsername().equals(answer.getUsername()))
        .findFirst().orElse(null);
    String ha1 = trunk == null ? null : trunk.ha1().get(algorithm.get());
    if (ha1 == null) {
      return new Again(false, "unknown-user");
    }
    String expected = algorithm.get().response(ha1, answer.getNonce(), answer.getParameter("nc"),
        answer.getCNonce(), method, uri);
    if (!DigestAlgorithm.sameDigest(expected, answer.getResponse())) {
      return new Again(false, "wrong-password");
    }
    if (validity == Nonces.Validity.STALE) {
      return new Again(true, "stale");
    }
    return switch (nonces.accept(answer.getNonce(), nc)) {
      case ACCEPTED -> new Trusted(trunk);
      case REPLAYED -> new Again(false, "replay");
      case FORGOTTEN -> new Again(true, "forgotten-nonce");
    };
  }

  private static long nonceCount(String nc) {
    if (nc == null || nc.length() != 8) {
      return -1;
    }
    try {
      return Long.parseLong(nc, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
