package io.switchboard.media.sip.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms of RFC 8760 the registrar offers, strongest first, and the computations of
 * RFC 7616 section 3.4.1 for {@code qop=auth}. The {@code -sess} variants are not offered.
 */
public enum DigestAlgorithm {
  SHA_256("SHA-256", "SHA-256"),
  MD5("MD5", "MD5");

  private final String token;
  private final String jcaName;

  DigestAlgorithm(String token, String jcaName) {
    this.token = token;
    this.jcaName = jcaName;
  }

  /** The name on the wire, in {@code algorithm=}. */
  public String token() {
    return token;
  }

  /**
   * The algorithm a client names; an absent {@code algorithm} parameter means MD5 (RFC 7616 3.3).
   */
  public static Optional<DigestAlgorithm> fromToken(String token) {
    if (token == null) {
      return Optional.of(MD5);
    }
    String wanted = token.trim().toUpperCase(Locale.ROOT);
    for (DigestAlgorithm algorithm : values()) {
      if (algorithm.token.equals(wanted)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /** H(data): the lower-case hex digest of the UTF-8 bytes. */
  public String hash(String data) {
    try {
      MessageDigest digest = MessageDigest.getInstance(jcaName);
      return HexFormat.of().formatHex(digest.digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is missing from this JVM", e);
    }
  }

  /** HA1 = H(username:realm:password), the only form in which a credential is kept. */
  public String ha1(String username, String realm, String password) {
    return hash(username + ":" + realm + ":" + password);
  }

  /** The expected {@code response} for {@code qop=auth}: H(HA1:nonce:nc:cnonce:auth:H(method:uri)). */
  public String response(String ha1, String nonce, String nc, String cnonce, String method, String uri) {
    String ha2 = hash(method + ":" + uri);
    return hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
  }

  /** Compares two hex digests in time independent of where they differ. */
  public static boolean sameDigest(String expected, String given) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
