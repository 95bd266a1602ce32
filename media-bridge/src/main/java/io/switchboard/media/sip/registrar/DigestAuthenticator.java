package io.switchboard.media.sip.registrar;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a digest answer (RFC 3261 22.4, RFC 7616 with RFC 8760's algorithms) against the stored
 * HA1s and this registrar's nonces. Only {@code qop=auth} is accepted.
 */
final class DigestAuthenticator {

  /** What to do with a request after its credentials were checked. */
  sealed interface Verdict {}

  /** The answer is right: the request comes from the holder of {@code credential}. */
  record Authenticated(SipCredential credential) implements Verdict {}

  /**
   * Challenge again with a fresh nonce (401).
   *
   * @param stale whether to say {@code stale=true}: the credentials were right but the nonce is
   *     no longer accepted, so the client retries without asking its user
   * @param reason why, for metrics and logs
   * @param failedAttempt whether this was a wrong password or an unknown user, which count as failed attempts
   */
  record Challenge(boolean stale, String reason, boolean failedAttempt) implements Verdict {}

  /** The Authorization header cannot be an answer to our challenge (400). */
  record Malformed(String reason) implements Verdict {}

  private final SipCredentials credentials;
  private final Nonces nonces;
  private final List<DigestAlgorithm> algorithms;

  /** {@code algorithms}: those challenged with, in order, and the only ones accepted. */
  DigestAuthenticator(SipCredentials credentials, Nonces nonces, List<DigestAlgorithm> algorithms) {
    this.credentials = credentials;
    this.nonces = nonces;
    this.algorithms = List.copyOf(algorithms);
  }

  List<DigestAlgorithm> algorithms() {
    return algorithms;
  }

  Nonces nonces() {
    return nonces;
  }

  /**
   * @param realm the realm the request is for (the Request-URI's domain)
   * @param method the request's method, as in HA2
   * @param requestUri the Request-URI as on the wire, which the answer's {@code uri} must equal
   */
  Verdict check(DigestAnswer answer, String realm, String method, String requestUri) {
    String missing = answer.missingParameter();
    if (missing != null) {
      return new Malformed("no " + missing + " in Authorization");
    }
    if (!answer.realm().equalsIgnoreCase(realm)) {
      // Credentials for another realm: not an answer to our challenge.
      return new Challenge(false, "other-realm", false);
    }
    if (!sameUri(answer.uri(), requestUri)) {
      return new Malformed("Authorization uri differs from the Request-URI");
    }
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(answer.algorithm());
    if (algorithm.isEmpty() || !algorithms.contains(algorithm.get())) {
      return new Challenge(false, "unsupported-algorithm", false);
    }
    if (answer.qop() == null || !answer.qop().equalsIgnoreCase("auth")) {
      return new Challenge(false, "no-qop-auth", false);
    }
    long nc = parseNonceCount(answer.nc());
    if (nc < 1 || answer.cnonce() == null || answer.cnonce().isEmpty()) {
      return new Malformed("qop=auth needs nc (8 hex digits) and cnonce");
    }
    Nonces.Validity validity = nonces.validate(answer.nonce(), realm);
    if (validity == Nonces.Validity.INVALID) {
      return new Challenge(false, "bad-nonce", false);
    }
    Optional<SipCredential> credential = credentials.find(realm, answer.username());
    String ha1 = credential.map(found -> found.ha1().get(algorithm.get())).orElse(null);
    if (ha1 == null) {
      // Answered like a wrong password, so that a client cannot tell which usernames exist.
      return new Challenge(false, credential.isEmpty() ? "unknown-user" : "no-ha1-for-algorithm", true);
    }
    String expected =
        algorithm.get().response(ha1, answer.nonce(), answer.nc(), answer.cnonce(), method, answer.uri());
    if (!DigestAlgorithm.sameDigest(expected, answer.response())) {
      return new Challenge(false, "wrong-password", true);
    }
    if (validity == Nonces.Validity.STALE) {
      return new Challenge(true, "stale", false);
    }
    return switch (nonces.accept(answer.nonce(), nc)) {
      case ACCEPTED -> new Authenticated(credential.get());
      case REPLAYED -> new Challenge(false, "replay", false);
      case FORGOTTEN -> new Challenge(true, "forgotten-nonce", false);
    };
  }

  /** A nonce count is 8 hex digits (RFC 7616 3.4); anything else is -1. */
  static long parseNonceCount(String nc) {
    if (nc == null || nc.length() != 8) {
      return -1;
    }
    try {
      return Long.parseLong(nc, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean sameUri(String answered, String requestUri) {
    return answered.trim().toLowerCase(Locale.ROOT).equals(requestUri.trim().toLowerCase(Locale.ROOT));
  }
}
