package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.media.sip.SipExchanges;
import io.switchboard.testsupport.FakeClock;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sip.header.ContactHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** REGISTER as RFC 3261 10.3 orders it, with parsed requests and no I/O. */
class RegisterHandlerTest {

  private static final String REALM = "acme.example";
  private static final String URI = "sip:acme.example";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RecordingEvents events = new RecordingEvents();
  private final SipCredentials credentials = new SipCredentials();
  private final RegistrarProperties properties =
      new RegistrarProperties(60, 3600, 3600, 10, Duration.ofMinutes(5), null, 1000, 3, Duration.ofSeconds(1),
          List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), false);
  private final Nonces nonces = new Nonces(Nonces.randomKey(), Duration.ofMinutes(5), clock, 1000);
  private final FailedAttempts failures = new FailedAttempts(3, 100);
  private final Registrar registrar = new Registrar(new BindingTable(10), events, clock, "bridge-1");
  private final RegisterHandler handler = new RegisterHandler(new HeaderFactoryImpl(), new AddressFactoryImpl(),
      credentials, new DigestAuthenticator(credentials, nonces, properties.algorithms()), failures, registrar, properties,
      new RegistrarMetrics(meters));
  private final MessageFactoryImpl messages = new MessageFactoryImpl();
  private int cseq;

  RegisterHandlerTest() {
    credentials.apply("acme", "alice", SipCredential.fromPassword("acme", REALM, "alice", "agent-1", "secret"));
    credentials.apply("acme", "bob", SipCredential.fromPassword("acme", REALM, "bob", "agent-2", "hunter2"));
  }

  @Test
  void withoutCredentialsTheChallengeOffersSha256ThenMd5() throws Exception {
    Response response = send(register("alice", "Contact: <sip:alice@10.0.0.1:5062>\r\nExpires: 600\r\n", null));

    assertThat(response.getStatusCode()).isEqualTo(401);
    List<WWWAuthenticateHeader> challenges = challenges(response);
    assertThat(challenges).extracting(WWWAuthenticateHeader::getAlgorithm).containsExactly("SHA-256", "MD5");
    assertThat(challenges).allSatisfy(challenge -> {
      assertThat(challenge.getScheme()).isEqualTo("Digest");
      assertThat(challenge.getRealm()).isEqualTo(REALM);
      assertThat(challenge.getQop()).isEqualTo("auth");
      assertThat(challenge.isStale()).isFalse();
      assertThat(nonces.validate(challenge.getNonce(), REALM)).isEqualTo(Nonces.Validity.VALID);
    });
    assertThat(meters.counter("switchboard.sip.registrar.challenges", "reason", "no-credentials").count()).isOne();
  }

  @Test
  void aSha256AnswerBindsTheContactAndTheOkListsIt() throws Exception {
    Response ok = registerAs("alice", "secret", DigestAlgorithm.SHA_256,
        "Contact: <sip:alice@10.0.0.1:5062>\r\nExpires: 600\r\n");

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(contacts(ok)).containsExactly(Map.entry("sip:alice@10.0.0.1:5062", 600));
    assertThat(events.told).singleElement().satisfies(told -> {
      assertThat(told.reason()).isEqualTo("registered");
      assertThat(told.change().added()).containsExactly("sip:alice@10.0.0.1:5062");
      assertThat(told.change().after().agentId()).isEqualTo("agent-1");
      assertThat(told.change().after().aor()).isEqualTo("sip:alice@acme.example");
    });
  }

  @Test
  void anMd5AnswerBindsToo() throws Exception {
    assertThat(registerAs("alice", "secret", DigestAlgorithm.MD5, "Contact: <sip:alice@10.0.0.1>\r\n").getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void aWrongPasswordIsChallengedAgainAndCounted() throws Exception {
    for (int attempt = 1; attempt <= 3; attempt++) {
      Response again = registerAs("alice", "guess" + attempt, DigestAlgorithm.SHA_256, "Contact: <sip:alice@10.0.0.1>\r\n");
      assertThat(again.getStatusCode()).isEqualTo(401);
      assertThat(challenges(again)).hasSize(2);
    }

    assertThat(meters.counter("switchboard.sip.registrar.auth.failures", "reason", "wrong-password").count())
        .isEqualTo(3);
    assertThat(failures.run(REALM, "alice", "10.0.0.1")).isEqualTo(3);
    assertThat(events.told).isEmpty();

    registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: <sip:alice@10.0.0.1>\r\n");
    assertThat(failures.run(REALM, "alice", "10.0.0.1")).isZero();
  }

  @Test
  void anUnknownUserIsChallengedLikeAWrongPassword() throws Exception {
    Response again = registerAs("mallory", "secret", DigestAlgorithm.MD5, "Contact: <sip:mallory@10.0.0.1>\r\n");

    assertThat(again.getStatusCode()).isEqualTo(401);
    assertThat(meters.counter("switchboard.sip.registrar.auth.failures", "reason", "unknown-user").count()).isOne();
  }

  @Test
  void aRightAnswerToAnExpiredNonceGetsAStaleChallenge() throws Exception {
    String nonce = nonces.issue(REALM);
    clock.advance(Duration.ofMinutes(6));

    Response stale = send(register("alice", "Contact: <sip:alice@10.0.0.1>\r\n",
        authorization("alice", "secret", DigestAlgorithm.SHA_256, nonce, "00000001")));

    assertThat(stale.getStatusCode()).isEqualTo(401);
    assertThat(challenges(stale)).allSatisfy(challenge -> assertThat(challenge.isStale()).isTrue());
  }

  @Test
  void aReplayedAnswerIsChallengedAgain() throws Exception {
    String authorization = authorization("alice", "secret", DigestAlgorithm.SHA_256, nonces.issue(REALM), "00000001");

    assertThat(send(register("alice", "Contact: <sip:alice@10.0.0.1>\r\n", authorization)).getStatusCode())
        .isEqualTo(200);
    Response replay = send(register("alice", "Contact: <sip:alice@10.0.0.1>\r\n", authorization));
    assertThat(replay.getStatusCode()).isEqualTo(401);
    assertThat(meters.counter("switchboard.sip.registrar.challenges", "reason", "replay").count()).isOne();
  }

  @Test
  void aDomainTheRegistrarDoesNotServeIsForbidden() throws Exception {
    Request request = messages.createRequest(register("alice", "Contact: <sip:alice@10.0.0.1>\r\n", null)
        .replace("REGISTER sip:acme.example ", "REGISTER sip:other.example "));

    Response response = send(request);

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(meters.counter("switchboard.sip.registrar.refusals", "reason", "domain-not-served").count()).isOne();
  }

  @Test
  void registeringAnotherAgentsAddressOfRecordIsForbidden() throws Exception {
    String text = register("alice", "Contact: <sip:bob@10.0.0.1>\r\n",
        authorization("bob", "hunter2", DigestAlgorithm.SHA_256, nonces.issue(REALM), "00000001"));

    Response response = send(messages.createRequest(text));

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(events.told).isEmpty();
  }

  @Test
  void tooShortAnExpiryGets423WithMinExpires() throws Exception {
    Response brief = registerAs("alice", "secret", DigestAlgorithm.SHA_256,
        "Contact: <sip:alice@10.0.0.1>;expires=30\r\n");

    assertThat(brief.getStatusCode()).isEqualTo(423);
    assertThat(((MinExpiresHeader) brief.getHeader(MinExpiresHeader.NAME)).getExpires()).isEqualTo(60);
    assertThat(events.told).isEmpty();
  }

  @Test
  void tooLongAnExpiryIsCutToTheMaximumAndTheContactParameterWinsOverTheHeader() throws Exception {
    Response ok = registerAs("alice", "secret", DigestAlgorithm.SHA_256,
        "Contact: <sip:alice@10.0.0.1>;expires=7200, <sip:alice@10.0.0.2>\r\nExpires: 120\r\n");

    assertThat(contacts(ok)).containsExactly(
        Map.entry("sip:alice@10.0.0.1", 3600), Map.entry("sip:alice@10.0.0.2", 120));
  }

  @Test
  void withNoExpiresAtAllTheDefaultApplies() throws Exception {
    assertThat(contacts(registerAs("alice", "secret", DigestAlgorithm.MD5, "Contact: <sip:alice@10.0.0.1>\r\n")))
        .containsExactly(Map.entry("sip:alice@10.0.0.1", 3600));
  }

  @Test
  void theOkListsEveryContactWithWhatIsLeftOfIt() throws Exception {
    registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: <sip:alice@10.0.0.1>\r\nExpires: 600\r\n");
    clock.advance(Duration.ofSeconds(100));

    Response ok = registerAs("alice", "secret", DigestAlgorithm.SHA_256,
        "Contact: <sip:alice@10.0.0.2>\r\nExpires: 300\r\n");

    assertThat(contacts(ok)).containsExactly(Map.entry("sip:alice@10.0.0.1", 500), Map.entry("sip:alice@10.0.0.2", 300));
  }

  @Test
  void expiresZeroUnregistersOneContact() throws Exception {
    registerAs("alice", "secret", DigestAlgorithm.SHA_256,
        "Contact: <sip:alice@10.0.0.1>, <sip:alice@10.0.0.2>\r\nExpires: 600\r\n");

    Response ok = registerAs("alice", "secret", DigestAlgorithm.SHA_256,
        "Contact: <sip:alice@10.0.0.1>\r\nExpires: 0\r\n");

    assertThat(contacts(ok)).containsExactly(Map.entry("sip:alice@10.0.0.2", 600));
    assertThat(events.told.get(1).change().lastGone()).isFalse();
  }

  @Test
  void theWildcardWithExpiresZeroUnregistersEverything() throws Exception {
    registerAs("alice", "secret", DigestAlgorithm.SHA_256,
        "Contact: <sip:alice@10.0.0.1>, <sip:alice@10.0.0.2>\r\nExpires: 600\r\n");

    Response ok = registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: *\r\nExpires: 0\r\n");

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(contacts(ok)).isEmpty();
    assertThat(events.told.get(1).reason()).isEqualTo("unregistered");
    assertThat(events.told.get(1).change().lastGone()).isTrue();
  }

  @Test
  void theWildcardWithoutExpiresZeroIsABadRequest() throws Exception {
    assertThat(registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: *\r\nExpires: 60\r\n").getStatusCode())
        .isEqualTo(400);
    assertThat(registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: *\r\n").getStatusCode())
        .isEqualTo(400);
  }

  @Test
  void aContactThatIsNotASipUriIsABadRequest() throws Exception {
    Response bad = registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: <tel:+15551234>\r\n");

    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(meters.counter("switchboard.sip.registrar.refusals", "reason", "bad-contact").count()).isOne();
  }

  @Test
  void aContactExpiresThatIsNotANumberOrNegativeIsABadRequest() throws Exception {
    assertThat(registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: <sip:alice@10.0.0.1>;expires=soon\r\n")
        .getStatusCode()).isEqualTo(400);
    assertThat(registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: <sip:alice@10.0.0.1>;expires=-5\r\n")
        .getStatusCode()).isEqualTo(400);
    assertThat(events.told).isEmpty();
    assertThat(meters.counter("switchboard.sip.registrar.refusals", "reason", "bad-contact-expires").count())
        .isEqualTo(2);
  }

  @Test
  void anExpiresBeyondAnyIntegerIsCutToTheMaximum() throws Exception {
    assertThat(contacts(registerAs("alice", "secret", DigestAlgorithm.SHA_256,
        "Contact: <sip:alice@10.0.0.1>;expires=99999999999\r\n"))).containsExactly(Map.entry("sip:alice@10.0.0.1", 3600));
  }

  @Test
  void aRegisterWithoutContactListsTheBindingsAndChangesNothing() throws Exception {
    registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: <sip:alice@10.0.0.1>\r\nExpires: 600\r\n");

    Response ok = registerAs("alice", "secret", DigestAlgorithm.SHA_256, "");

    assertThat(contacts(ok)).containsExactly(Map.entry("sip:alice@10.0.0.1", 600));
    assertThat(events.told).hasSize(1);
  }

  @Test
  void bindingsExpireOnTheTimerAndTheLastOneMakesTheAgentOffline() throws Exception {
    registerAs("alice", "secret", DigestAlgorithm.SHA_256, "Contact: <sip:alice@10.0.0.1>\r\nExpires: 60\r\n");

    clock.advance(Duration.ofSeconds(59));
    registrar.expire();
    assertThat(events.told).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    registrar.expire();
    assertThat(events.told).hasSize(2);
    assertThat(events.told.get(1).reason()).isEqualTo("expired");
    assertThat(events.told.get(1).change().lastGone()).isTrue();
  }

  private Response registerAs(String user, String password, DigestAlgorithm algorithm, String extra) throws Exception {
    String authorization = authorization(user, password, algorithm, nonces.issue(REALM), "00000001");
    return send(register(user, extra, authorization));
  }

  private Response send(String text) throws ParseException {
    return send(messages.createRequest(text));
  }

  private Response send(Request request) {
    List<Response> sent = new ArrayList<>();
    try {
      handler.handle(SipExchanges.collecting(request, sent));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(sent).hasSize(1);
    return sent.get(0);
  }

  private String register(String user, String extra, String authorization) {
    cseq++;
    return "REGISTER " + URI + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK-reg-" + cseq + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + user + "@acme.example>;tag=phone\r\n"
        + "To: <sip:" + user + "@acme.example>\r\n"
        + "Call-ID: register-test@10.0.0.1\r\n"
        + "CSeq: " + cseq + " REGISTER\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + extra
        + "Content-Length: 0\r\n\r\n";
  }

  private static String authorization(String user, String password, DigestAlgorithm algorithm, String nonce, String nc) {
    String cnonce = "cn" + nc;
    String response = algorithm.response(algorithm.ha1(user, REALM, password), nonce, nc, cnonce, "REGISTER", URI);
    return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
        + "\", response=\"" + response + "\", algorithm=" + algorithm.token() + ", qop=auth, nc=" + nc
        + ", cnonce=\"" + cnonce + "\"";
  }

  private static List<WWWAuthenticateHeader> challenges(Response response) {
    List<WWWAuthenticateHeader> challenges = new ArrayList<>();
    response.getHeaders(WWWAuthenticateHeader.NAME)
        .forEachRemaining(header -> challenges.add((WWWAuthenticateHeader) header));
    return challenges;
  }

  private static List<Map.Entry<String, Integer>> contacts(Response response) {
    List<Map.Entry<String, Integer>> contacts = new ArrayList<>();
    response.getHeaders(ContactHeader.NAME).forEachRemaining(header -> {
      ContactHeader contact = (ContactHeader) header;
      contacts.add(Map.entry(contact.getAddress().getURI().toString(), contact.getExpires()));
    });
    return contacts;
  }
}
