package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The computations against the examples of RFC 7616 section 3.9.1. */
class DigestAlgorithmTest {

  private static final String USER = "Mufasa";
  private static final String REALM = "http-auth@example.org";
  private static final String PASSWORD = "Circle of Life";
  private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

  @Test
  void md5ResponseIsTheOneOfRfc7616() {
    String ha1 = DigestAlgorithm.MD5.ha1(USER, REALM, PASSWORD);

    assertThat(DigestAlgorithm.MD5.response(ha1, NONCE, "00000001", CNONCE, "GET", "/dir/index.html"))
        .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
  }

  @Test
  void sha256ResponseIsTheOneOfRfc7616() {
    String ha1 = DigestAlgorithm.SHA_256.ha1(USER, REALM, PASSWORD);

    assertThat(DigestAlgorithm.SHA_256.response(ha1, NONCE, "00000001", CNONCE, "GET", "/dir/index.html"))
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void algorithmTokensAreReadWhateverTheirCaseAndDefaultToMd5() {
    assertThat(DigestAlgorithm.fromToken("sha-256")).contains(DigestAlgorithm.SHA_256);
    assertThat(DigestAlgorithm.fromToken("MD5")).contains(DigestAlgorithm.MD5);
    assertThat(DigestAlgorithm.fromToken(null)).contains(DigestAlgorithm.MD5);
    assertThat(DigestAlgorithm.fromToken("MD5-sess")).isEmpty();
    assertThat(DigestAlgorithm.fromToken("SHA-512-256")).isEmpty();
  }

  @Test
  void digestsCompareWhateverTheCaseOfTheHex() {
    assertThat(DigestAlgorithm.sameDigest("8ca523f5e9506fed4657c9700eebdbec", "8CA523F5E9506FED4657C9700EEBDBEC"))
        .isTrue();
    assertThat(DigestAlgorithm.sameDigest("8ca523f5e9506fed4657c9700eebdbec", "8ca523f5e9506fed4657c9700eebdbed"))
        .isFalse();
    assertThat(DigestAlgorithm.sameDigest("8ca523f5e9506fed4657c9700eebdbec", null)).isFalse();
  }
}
