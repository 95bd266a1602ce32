package io.switchboard.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * HA1 against RFC 7616 section 3.9.1: user Mufasa, realm http-auth@example.org, password "Circle of Life".
 * The RFC prints the responses, not the HA1s: each HA1 is checked to give the RFC's response too.
 */
class Ha1Test {

  private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

  @Test
  void md5MatchesTheRfc7616Example() {
    String ha1 = Ha1.md5("Mufasa", "http-auth@example.org", "Circle of Life");

    assertThat(ha1).isEqualTo("3d78807defe7de2157e2b0b6573a855f");
    assertThat(response("MD5", ha1)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
  }

  @Test
  void sha256MatchesTheRfc7616Example() {
    String ha1 = Ha1.sha256("Mufasa", "http-auth@example.org", "Circle of Life");

    assertThat(ha1).isEqualTo("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232");
    assertThat(response("SHA-256", ha1)).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void theRealmAndUsernameAreTakenAsGiven() {
    assertThat(Ha1.md5("alice", "acme.sip.example", "correct horse battery"))
        .isNotEqualTo(Ha1.md5("alice", "ACME.sip.example", "correct horse battery"))
        .matches("[0-9a-f]{32}");
  }

  /** The RFC's qop=auth response for GET /dir/index.html with nc 00000001. */
  private static String response(String algorithm, String ha1) {
    return hash(algorithm, ha1 + ":" + NONCE + ":00000001:" + CNONCE + ":auth:" + hash(algorithm, "GET:/dir/index.html"));
  }

  private static String hash(String algorithm, String data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
