package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NoncesTest {

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final Nonces nonces = new Nonces(KEY, Duration.ofMinutes(5), clock, 1000);

  @Test
  void aFreshNonceIsValidForItsRealmOnly() {
    String nonce = nonces.issue("acme.example");

    assertThat(nonces.validate(nonce, "acme.example")).isEqualTo(Nonces.Validity.VALID);
    assertThat(nonces.validate(nonce, "ACME.example")).isEqualTo(Nonces.Validity.VALID);
    assertThat(nonces.validate(nonce, "other.example")).isEqualTo(Nonces.Validity.INVALID);
  }

  @Test
  void aNoncePastItsLifetimeIsStale() {
    String nonce = nonces.issue("acme.example");

    clock.advance(Duration.ofMinutes(5));
    assertThat(nonces.validate(nonce, "acme.example")).isEqualTo(Nonces.Validity.VALID);
    clock.advance(Duration.ofMillis(1));
    assertThat(nonces.validate(nonce, "acme.example")).isEqualTo(Nonces.Validity.STALE);
  }

  @Test
  void anotherKeysNonceOrATamperedOneIsInvalid() {
    String nonce = nonces.issue("acme.example");
    Nonces elsewhere = new Nonces(Nonces.randomKey(), Duration.ofMinutes(5), clock, 1000);
    byte[] bytes = Base64.getUrlDecoder().decode(nonce);
    bytes[0] ^= 1; // moves the timestamp: the MAC no longer matches
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    assertThat(elsewhere.validate(nonce, "acme.example")).isEqualTo(Nonces.Validity.INVALID);
    assertThat(nonces.validate(tampered, "acme.example")).isEqualTo(Nonces.Validity.INVALID);
    assertThat(nonces.validate("not a nonce", "acme.example")).isEqualTo(Nonces.Validity.INVALID);
    assertThat(nonces.validate(null, "acme.example")).isEqualTo(Nonces.Validity.INVALID);
  }

  @Test
  void aSharedKeyLetsAnotherInstanceCheckTheNonce() {
    Nonces other = new Nonces(KEY, Duration.ofMinutes(5), clock, 1000);

    assertThat(other.validate(nonces.issue("acme.example"), "acme.example")).isEqualTo(Nonces.Validity.VALID);
  }

  @Test
  void aNonceCountIsAcceptedOnceAndMustRise() {
    String nonce = nonces.issue("acme.example");

    assertThat(nonces.accept(nonce, 1)).isEqualTo(Nonces.Use.ACCEPTED);
    assertThat(nonces.accept(nonce, 1)).isEqualTo(Nonces.Use.REPLAYED);
    assertThat(nonces.accept(nonce, 3)).isEqualTo(Nonces.Use.ACCEPTED);
    assertThat(nonces.accept(nonce, 2)).isEqualTo(Nonces.Use.REPLAYED);
    assertThat(nonces.accept(nonce, 0)).isEqualTo(Nonces.Use.REPLAYED);
  }

  @Test
  void countsOfExpiredNoncesAreForgotten() {
    nonces.accept(nonces.issue("acme.example"), 1);
    nonces.accept(nonces.issue("acme.example"), 1);
    assertThat(nonces.tracked()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(6));

    assertThat(nonces.tracked()).isZero();
  }

  @Test
  void memoryIsBoundedAndNoncesWhoseCountsWereDroppedAreRefusedAsStale() {
    Nonces small = new Nonces(KEY, Duration.ofMinutes(5), clock, 2);
    String first = small.issue("acme.example");
    clock.advance(Duration.ofMillis(1));
    String second = small.issue("acme.example");
    clock.advance(Duration.ofMillis(1));
    String third = small.issue("acme.example");

    small.accept(first, 1);
    small.accept(second, 1);
    small.accept(third, 1);

    assertThat(small.tracked()).isEqualTo(2);
    // first's count was dropped: accepting it again would let its nc=1 be replayed.
    assertThat(small.accept(first, 1)).isEqualTo(Nonces.Use.FORGOTTEN);
    assertThat(small.accept(first, 2)).isEqualTo(Nonces.Use.FORGOTTEN);
    assertThat(small.accept(third, 2)).isEqualTo(Nonces.Use.ACCEPTED);
  }
}
