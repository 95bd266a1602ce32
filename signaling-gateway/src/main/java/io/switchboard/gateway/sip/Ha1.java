package io.switchboard.gateway.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * HA1 = H(username:realm:password) of RFC 7616 section 3.4.2, lower-case hex of the UTF-8 bytes: the
 * only form in which a SIP password is kept, and the form the media bridge's registrar checks digests with.
 */
final class Ha1 {

  private Ha1() {}

  static String md5(String username, String realm, String password) {
    return hex("MD5", username + ":" + realm + ":" + password);
  }

  static String sha256(String username, String realm, String password) {
    return hex("SHA-256", username + ":" + realm + ":" + password);
  }

  private static String hex(String algorithm, String data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }
}
