package io.switchboard.gateway.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

  private static final String SECRET = "north-wind-secret-123";
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_733_096_400L), ZoneOffset.UTC);

  @Test
  void theUsernameIsTheExpiryAndTheUserAndThePasswordItsHmacSha1InBase64() {
    TurnCredentials credentials = new TurnCredentials(SECRET, Duration.ofHours(1), CLOCK);

    TurnCredentials.Credential credential = credentials.issue(caller("acme", "user-1"));

    assertThat(credential.username()).isEqualTo("1733100000:acme/user-1");
    assertThat(credential.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_733_100_000L));
    // From: echo -n "1733100000:acme/user-1" | openssl dgst -sha1 -hmac "north-wind-secret-123" -binary | base64
    assertThat(credential.password()).isEqualTo("4k5AKideFHnfpiYKUAbuAkOREjM=");
  }

  @Test
  void anotherExpiryOrAnotherSecretGivesAnotherPassword() {
    TurnCredentials credentials = new TurnCredentials(SECRET, Duration.ofHours(1), CLOCK);
    String password = credentials.password("1733100000:acme/user-1");

    assertThat(credentials.password("1733103600:acme/user-1")).isNotEqualTo(password);
    assertThat(new TurnCredentials(SECRET + "x", Duration.ofHours(1), CLOCK).password("1733100000:acme/user-1"))
        .isNotEqualTo(password);
  }

  @Test
  void theUserCannotMoveTheExpiryAndIsCutToALengthTurnServersTake() {
    assertThat(TurnCredentials.user(caller("acme", "sip:alice@example.com")))
        .isEqualTo("acme/sip_alice@example.com");
    assertThat(TurnCredentials.user(caller("acme", "x".repeat(300)))).hasSize(96);
  }

  private static Caller caller(String tenant, String subject) {
    return new Caller(tenant, subject, Set.of(Role.CUSTOMER), null);
  }
}
