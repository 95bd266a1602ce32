package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.SipBindings;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Phones registering with the running bridge over loopback UDP (and once TCP), with credentials and bindings on
 * the shared Kafka broker: SHA-256 and MD5 digest, wrong password, stale nonce, refresh,
 * un-register, expiry, and bindings seen by a second instance and kept across its restart.
 */
class RegistrarIT {

  static final Duration EVENTS = Duration.ofSeconds(20);
  static final String PASSWORD = "correct-horse-battery";

  private static final String TENANT = "reg-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";
  private static final List<String> USERS =
      List.of("sha", "md5", "tcp", "wrong", "stale", "refresh", "unreg", "wild", "expiry", "shared");

  private static ConfigurableApplicationContext bridge;
  private static int sipPort;
  private static EventLog<AgentEvent> agentEvents;
  private TestPhone phone;

  @BeforeAll
  static void credentialsThenBridge() {
    publishCredentials(TENANT, REALM, USERS);
    sipPort = FreePorts.udpAndTcp();
    bridge = startBridge(sipPort, "bridge-a-" + TENANT);
    agentEvents = EventLog.of(Topics.AGENT_EVENTS);
  }

  @AfterAll
  static void stop() {
    if (agentEvents != null) {
      agentEvents.close();
    }
    if (bridge != null) {
      bridge.close();
    }
  }

  @AfterEach
  void hangUp() {
    if (phone != null) {
      phone.close();
    }
  }

  /** Writes each user's credential (HA1s only) to sip.credentials, creating the topics first. */
  static void publishCredentials(String tenant, String realm, List<String> users) {
    TestCredentials.publish(tenant, realm, users, PASSWORD);
  }

  static ConfigurableApplicationContext startBridge(int port, String instanceId) {
    return TestBridge.start(port,
        "--switchboard.instance-id=" + instanceId,
        "--switchboard.media.sip.registrar.nonce-lifetime=2s",
        "--switchboard.media.sip.registrar.min-expires=1",
        "--switchboard.media.sip.registrar.expiry-sweep=200ms");
  }

  @Test
  void sha256DigestRegistersThePhoneAndTheAgentBecomesSip() throws Exception {
    phone = new TestPhone(sipPort, "sha", REALM);
    String contact = "Contact: <" + phone.contact() + ">\r\nExpires: 600\r\n";

    Response challenge = phone.send(contact, null);
    assertThat(challenge.getStatusCode()).isEqualTo(401);
    assertThat(challenge.getHeaders(WWWAuthenticateHeader.NAME)).toIterable()
        .extracting(header -> ((WWWAuthenticateHeader) header).getAlgorithm()).containsExactly("SHA-256", "MD5");
    Response ok = phone.answer(challenge, contact, PASSWORD, "SHA-256");

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(TestPhone.contacts(ok)).containsExactly(Map.entry(phone.contact(), 600));
    AgentEvent registered = agentEvents.await(event -> isAgent(event, "sha")
        && event.getPayload() instanceof AgentRegistered payload
        && payload.getChannel() == AgentChannel.SIP && phone.contact().equals(payload.getContact()), EVENTS);
    assertThat(registered.getEventId()).isNotNull();
    assertThat(registered.getSource()).isEqualTo("bridge-a-" + TENANT);
  }

  @Test
  void md5DigestRegistersThePhone() throws Exception {
    phone = new TestPhone(sipPort, "md5", REALM);

    Response ok = phone.register("Contact: <" + phone.contact() + ">\r\n", PASSWORD, "MD5");

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(TestPhone.contacts(ok)).containsKey(phone.contact());
  }

  @Test
  void aPhoneRegistersOverTcpToo() throws Exception {
    phone = new TestPhone(sipPort, "tcp", REALM, "tcp");

    Response ok = phone.register("Contact: <" + phone.contact() + ">\r\n", PASSWORD, "SHA-256");

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(TestPhone.contacts(ok)).containsKey(phone.contact());
  }

  @Test
  void aWrongPasswordIsChallengedAgain() throws Exception {
    phone = new TestPhone(sipPort, "wrong", REALM);
    String contact = "Contact: <" + phone.contact() + ">\r\n";

    Response again = phone.register(contact, "not the password", "SHA-256");

    assertThat(again.getStatusCode()).isEqualTo(401);
    assertThat(phone.answer(again, contact, PASSWORD, "SHA-256").getStatusCode()).isEqualTo(200);
  }

  @Test
  void anExpiredNonceIsChallengedAsStaleAndTheFreshOneIsAccepted() throws Exception {
    phone = new TestPhone(sipPort, "stale", REALM);
    String contact = "Contact: <" + phone.contact() + ">\r\n";
    Response challenge = phone.send(contact, null);
    Instant issued = Instant.now();
    // The bridge under test accepts a nonce for 2 s.
    Poll.until(Duration.ofSeconds(10), "the nonce to pass its lifetime",
        () -> Instant.now().isAfter(issued.plusMillis(2_500)) ? Boolean.TRUE : null);

    Response stale = phone.answer(challenge, contact, PASSWORD, "SHA-256");

    assertThat(stale.getStatusCode()).isEqualTo(401);
    assertThat(TestPhone.challengeFor(stale, "SHA-256").isStale()).isTrue();
    assertThat(TestPhone.challengeFor(stale, "MD5").isStale()).isTrue();
    assertThat(phone.answer(stale, contact, PASSWORD, "SHA-256").getStatusCode()).isEqualTo(200);
  }

  @Test
  void aRefreshKeepsOneBindingWithTheNewExpiry() throws Exception {
    phone = new TestPhone(sipPort, "refresh", REALM);
    phone.register("Contact: <" + phone.contact() + ">\r\nExpires: 600\r\n", PASSWORD, "SHA-256");

    Response refreshed = phone.register("Contact: <" + phone.contact() + ">\r\nExpires: 300\r\n", PASSWORD, "SHA-256");

    assertThat(refreshed.getStatusCode()).isEqualTo(200);
    assertThat(TestPhone.contacts(refreshed)).containsExactly(Map.entry(phone.contact(), 300));
  }

  @Test
  void expiresZeroUnregistersAndTheAgentGoesOffline() throws Exception {
    phone = new TestPhone(sipPort, "unreg", REALM);
    phone.register("Contact: <" + phone.contact() + ">\r\nExpires: 600\r\n", PASSWORD, "SHA-256");

    Response ok = phone.register("Contact: <" + phone.contact() + ">\r\nExpires: 0\r\n", PASSWORD, "SHA-256");

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(TestPhone.contacts(ok)).isEmpty();
    awaitOffline("unreg", "sip-unregistered");
  }

  @Test
  void theWildcardUnregistersEveryContact() throws Exception {
    phone = new TestPhone(sipPort, "wild", REALM);
    phone.register("Contact: <" + phone.contact() + ">, <sip:wild@192.0.2.7:5060>\r\nExpires: 600\r\n",
        PASSWORD, "SHA-256");

    Response ok = phone.register("Contact: *\r\nExpires: 0\r\n", PASSWORD, "MD5");

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(TestPhone.contacts(ok)).isEmpty();
    awaitOffline("wild", "sip-unregistered");
  }

  @Test
  void aBindingThatIsNotRefreshedExpiresAndTheAgentGoesOffline() throws Exception {
    phone = new TestPhone(sipPort, "expiry", REALM);

    Response ok = phone.register("Contact: <" + phone.contact() + ">\r\nExpires: 2\r\n", PASSWORD, "SHA-256");

    assertThat(TestPhone.contacts(ok)).containsExactly(Map.entry(phone.contact(), 2));
    awaitOffline("expiry", "sip-expired");
  }

  @Test
  void bindingsAreSeenByAnotherInstanceAndKeptAcrossItsRestart() throws Exception {
    phone = new TestPhone(sipPort, "shared", REALM);
    phone.register("Contact: <" + phone.contact() + ">\r\nExpires: 600\r\n", PASSWORD, "SHA-256");
    try (EventLog<SipBindings> bindings = EventLog.of(SipTopics.BINDINGS)) {
      bindings.await(record -> record.getTenantId().equals(TENANT) && record.getAgentId().equals("agent-shared"),
          EVENTS);
    }
    int otherPort = FreePorts.udpAndTcp();

    ConfigurableApplicationContext other = startBridge(otherPort, "bridge-b-" + TENANT);
    try (TestPhone asker = new TestPhone(otherPort, "shared", REALM)) {
      // A REGISTER without Contact asks for the current bindings (RFC 3261 10.2.3).
      assertThat(TestPhone.contacts(asker.register("", PASSWORD, "SHA-256"))).containsKey(phone.contact());
    } finally {
      other.close();
    }

    ConfigurableApplicationContext restarted = startBridge(otherPort, "bridge-b-" + TENANT);
    try (TestPhone asker = new TestPhone(otherPort, "shared", REALM)) {
      assertThat(TestPhone.contacts(asker.register("", PASSWORD, "MD5"))).containsKey(phone.contact());
    } finally {
      restarted.close();
    }
  }

  @Test
  void aCredentialPublishedAfterStartIsFollowedAndItsTombstoneDeletesIt() throws Exception {
    phone = new TestPhone(sipPort, "late", REALM);
    String contact = "Contact: <" + phone.contact() + ">\r\n";
    assertThat(phone.register(contact, PASSWORD, "SHA-256").getStatusCode()).isEqualTo(401);

    publishCredentials(TENANT, REALM, List.of("late"));
    Poll.until(EVENTS, "the new credential to be followed", () ->
        register(contact) == 200 ? Boolean.TRUE : null);

    try (EventProducer producer = new EventProducer()) {
      producer.sendRaw(SipTopics.CREDENTIALS.name(), TENANT + "/late", null);
    }
    Poll.until(EVENTS, "the deleted credential to be refused", () ->
        register(contact) == 401 ? Boolean.TRUE : null);
  }

  @Test
  void theAgentRegisteredOfAPhoneCarriesTheProfileOfItsSipAccount() throws Exception {
    SipCredential plain = SipCredential.fromPassword(TENANT, REALM, "profiled", "agent-profiled", PASSWORD);
    SipCredential credential = new SipCredential(TENANT, REALM, "profiled", "agent-profiled", plain.ha1(),
        new AgentProfile("Pat Phone", List.of("support", "billing"), List.of(new AgentProfile.Skill("german", 9)), 2));
    try (EventProducer producer = new EventProducer()) {
      producer.send(SipTopics.CREDENTIALS, TENANT + "/profiled",
          RegistrarRecords.account(credential, "registrar-it", Instant.now()));
    }
    phone = new TestPhone(sipPort, "profiled", REALM);
    String contact = "Contact: <" + phone.contact() + ">\r\n";
    Poll.until(EVENTS, "the account to be followed", () -> register(contact) == 200 ? Boolean.TRUE : null);

    AgentEvent event = agentEvents.await(e -> isAgent(e, "profiled") && e.getPayload() instanceof AgentRegistered,
        EVENTS);
    AgentRegistered registered = (AgentRegistered) event.getPayload();
    assertThat(registered.getChannel()).isEqualTo(AgentChannel.SIP);
    assertThat(registered.getContact()).isEqualTo(phone.contact());
    assertThat(registered.getDisplayName()).isEqualTo("Pat Phone");
    assertThat(registered.getQueues()).containsExactly("support", "billing");
    assertThat(registered.getSkills()).extracting(skill -> skill.getName() + "=" + skill.getLevel())
        .containsExactly("german=9");
    assertThat(registered.getCapacity()).isEqualTo(2);
  }

  private int register(String contact) {
    try {
      return phone.register(contact, PASSWORD, "SHA-256").getStatusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitOffline(String user, String reason) {
    agentEvents.await(event -> isAgent(event, user)
        && event.getPayload() instanceof AgentStatusChanged changed
        && changed.getStatus() == AgentStatus.OFFLINE && reason.equals(changed.getReason()), EVENTS);
  }

  private static boolean isAgent(AgentEvent event, String user) {
    return event.getTenantId().equals(TENANT) && event.getAgentId().equals("agent-" + user);
  }
}
