package io.switchboard.media.sip.registrar;

/**
 * The parameters of a client's {@code Authorization: Digest} header, as given.
 *
 * @param nc the nonce count as sent: eight hex digits
 */
record DigestAnswer(
    String username,
    String realm,
    String nonce,
    String uri,
    String response,
    String algorithm,
    String qop,
    String nc,
    String cnonce) {

  /** The parameters every answer needs, qop or not; the first one missing, or null. */
  String missingParameter() {
    if (isBlank(username)) {
      return "username";
    }
    if (isBlank(realm)) {
      return "realm";
    }
    if (isBlank(nonce)) {
      return "nonce";
    }
    if (isBlank(uri)) {
      return "uri";
    }
    if (isBlank(response)) {
      return "response";
    }
    return null;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
