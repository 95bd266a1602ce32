package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.sip.registrar.DigestAuthenticator.Authenticated;
import io.switchboard.media.sip.registrar.DigestAuthenticator.Challenge;
import io.switchboard.media.sip.registrar.DigestAuthenticator.Malformed;
import io.switchboard.media.sip.registrar.DigestAuthenticator.Verdict;
import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {

  private static final String REALM = "acme.example";
  private static final String URI = "sip:acme.example";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final SipCredentials credentials = new SipCredentials();
  private final DigestAuthenticator authenticator =
      new DigestAuthenticator(credentials, new Nonces(Nonces.randomKey(), Duration.ofMinutes(5), clock, 1000),
          List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));

  DigestAuthenticatorTest() {
    credentials.apply("acme", "alice", SipCredential.fromPassword("acme", REALM, "alice", "agent-1", "secret"));
  }

  @Test
  void aRightSha256AnswerAuthenticatesTheAgent() {
    Verdict verdict = check(answer(DigestAlgorithm.SHA_256, "alice", "secret", nonce(), "00000001"));

    assertThat(verdict).isInstanceOfSatisfying(Authenticated.class,
        authenticated -> assertThat(authenticated.credential().agentId()).isEqualTo("agent-1"));
  }

  @Test
  void aRightMd5AnswerAuthenticatesTheAgent() {
    assertThat(check(answer(DigestAlgorithm.MD5, "alice", "secret", nonce(), "00000001")))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void aWrongPasswordIsChallengedAgainAndCountsAsAFailedAttempt() {
    assertThat(check(answer(DigestAlgorithm.SHA_256, "alice", "wrong", nonce(), "00000001")))
        .isEqualTo(new Challenge(false, "wrong-password", true));
  }

  @Test
  void anUnknownUserIsAnsweredLikeAWrongPassword() {
    assertThat(check(answer(DigestAlgorithm.MD5, "mallory", "secret", nonce(), "00000001")))
        .isEqualTo(new Challenge(false, "unknown-user", true));
  }

  @Test
  void aRightAnswerWithAnExpiredNonceIsChallengedAsStale() {
    String nonce = nonce();
    clock.advance(Duration.ofMinutes(6));

    assertThat(check(answer(DigestAlgorithm.SHA_256, "alice", "secret", nonce, "00000001")))
        .isEqualTo(new Challenge(true, "stale", false));
  }

  @Test
  void aWrongAnswerWithAnExpiredNonceIsNotStale() {
    String nonce = nonce();
    clock.advance(Duration.ofMinutes(6));

    assertThat(check(answer(DigestAlgorithm.SHA_256, "alice", "wrong", nonce, "00000001")))
        .isEqualTo(new Challenge(false, "wrong-password", true));
  }

  @Test
  void aReplayedNonceCountIsChallengedAgain() {
    String nonce = nonce();
    DigestAnswer first = answer(DigestAlgorithm.SHA_256, "alice", "secret", nonce, "00000001");

    assertThat(check(first)).isInstanceOf(Authenticated.class);
    assertThat(check(first)).isEqualTo(new Challenge(false, "replay", false));
    assertThat(check(answer(DigestAlgorithm.SHA_256, "alice", "secret", nonce, "00000002")))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void aNonceWeDidNotIssueIsChallengedAgain() {
    assertThat(check(answer(DigestAlgorithm.MD5, "alice", "secret", "bm90LW91cnM", "00000001")))
        .isEqualTo(new Challenge(false, "bad-nonce", false));
  }

  @Test
  void anAnswerWithoutQopAuthOrWithAnUnknownAlgorithmIsChallengedAgain() {
    DigestAnswer right = answer(DigestAlgorithm.MD5, "alice", "secret", nonce(), "00000001");
    DigestAnswer noQop = new DigestAnswer(right.username(), right.realm(), right.nonce(), right.uri(),
        right.response(), right.algorithm(), null, null, null);
    DigestAnswer sess = new DigestAnswer(right.username(), right.realm(), right.nonce(), right.uri(),
        right.response(), "MD5-sess", right.qop(), right.nc(), right.cnonce());

    assertThat(check(noQop)).isEqualTo(new Challenge(false, "no-qop-auth", false));
    assertThat(check(sess)).isEqualTo(new Challenge(false, "unsupported-algorithm", false));
  }

  @Test
  void anAnswerForAnotherRealmIsChallengedAgain() {
    DigestAnswer right = answer(DigestAlgorithm.MD5, "alice", "secret", nonce(), "00000001");
    DigestAnswer elsewhere = new DigestAnswer(right.username(), "other.example", right.nonce(), right.uri(),
        right.response(), right.algorithm(), right.qop(), right.nc(), right.cnonce());

    assertThat(check(elsewhere)).isEqualTo(new Challenge(false, "other-realm", false));
  }

  @Test
  void missingParametersABadNonceCountOrAnotherUriAreMalformed() {
    DigestAnswer right = answer(DigestAlgorithm.MD5, "alice", "secret", nonce(), "00000001");

    assertThat(check(new DigestAnswer(null, REALM, right.nonce(), URI, right.response(), "MD5", "auth", "00000001",
        "c"))).isInstanceOf(Malformed.class);
    assertThat(check(new DigestAnswer("alice", REALM, right.nonce(), URI, right.response(), "MD5", "auth", "1", "c")))
        .isInstanceOf(Malformed.class);
    assertThat(check(new DigestAnswer("alice", REALM, right.nonce(), "sip:other.example", right.response(), "MD5",
        "auth", "00000001", "c"))).isInstanceOf(Malformed.class);
  }

  @Test
  void anAlgorithmThatIsNotOfferedIsNotAccepted() {
    DigestAuthenticator md5Only = new DigestAuthenticator(credentials, authenticator.nonces(), List.of(DigestAlgorithm.MD5));

    assertThat(md5Only.check(answer(DigestAlgorithm.SHA_256, "alice", "secret", nonce(), "00000001"), REALM, "REGISTER",
        URI)).isEqualTo(new Challenge(false, "unsupported-algorithm", false));
    assertThat(md5Only.check(answer(DigestAlgorithm.MD5, "alice", "secret", nonce(), "00000001"), REALM, "REGISTER",
        URI)).isInstanceOf(Authenticated.class);
  }

  private Verdict check(DigestAnswer answer) {
    return authenticator.check(answer, REALM, "REGISTER", URI);
  }

  private String nonce() {
    return authenticator.nonces().issue(REALM);
  }

  /** What a client that knows {@code password} sends. */
  static DigestAnswer answer(DigestAlgorithm algorithm, String user, String password, String nonce, String nc) {
    String cnonce = "cn-" + nc;
    String response = algorithm.response(algorithm.ha1(user, REALM, password), nonce, nc, cnonce, "REGISTER", URI);
    return new DigestAnswer(user, REALM, nonce, URI, response, algorithm.token(), "auth", nc, cnonce);
  }
}
