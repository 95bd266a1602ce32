package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.SipAccount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrarRecordsTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void aCredentialGoesToKafkaAsItsHa1sAndComesBackTheSame() {
    SipCredential credential = SipCredential.fromPassword("acme", "ACME.example", "alice", "agent-1", "secret");

    SipAccount account = RegistrarRecords.account(credential, "admin", T0);
    SipCredential read = RegistrarRecords.credential("acme", "alice",
        SipTopics.CREDENTIALS.valueSerde().decode(SipTopics.CREDENTIALS.valueSerde().encode(account)));

    assertThat(account.toString()).doesNotContain("secret");
    assertThat(account.getHa1Md5()).isEqualTo(DigestAlgorithm.MD5.hash("alice:acme.example:secret"));
    assertThat(read).isEqualTo(credential);
  }

  @Test
  void theProfileOfAnAccountComesBackWithItsCredential() {
    SipCredential plain = SipCredential.fromPassword("acme", "acme.example", "alice", "agent-1", "secret");
    SipCredential credential = new SipCredential("acme", "acme.example", "alice", "agent-1", plain.ha1(),
        new AgentProfile("Alice", List.of("support"), List.of(new AgentProfile.Skill("french", 4)), 3));

    SipAccount account = RegistrarRecords.account(credential, "admin", T0);
    SipCredential read = RegistrarRecords.credential("acme", "alice",
        SipTopics.CREDENTIALS.valueSerde().decode(SipTopics.CREDENTIALS.valueSerde().encode(account)));

    assertThat(read.profile()).isEqualTo(credential.profile());
  }

  @Test
  void theProfileOfAnAgentIsGoneWithItsCredential() {
    SipCredentials credentials = new SipCredentials();
    SipCredential plain = SipCredential.fromPassword("acme", "acme.example", "alice", "agent-1", "secret");
    AgentProfile profile = new AgentProfile(null, List.of("support"), List.of(), 1);
    credentials.apply("acme", "alice", new SipCredential("acme", "acme.example", "alice", "agent-1", plain.ha1(),
        profile));

    assertThat(credentials.profile("acme", "agent-1")).isEqualTo(profile);
    credentials.apply("acme", "alice", null);
    assertThat(credentials.profile("acme", "agent-1")).isEqualTo(AgentProfile.NONE);
  }

  @Test
  void aCredentialWithOneHa1OnlyHasThatAlgorithmOnly() {
    SipAccount account = RegistrarRecords.account(
        SipCredential.fromPassword("acme", "acme.example", "alice", "agent-1", "secret"), "admin", T0);
    account.setHa1Md5(null);

    assertThat(RegistrarRecords.credential("acme", "alice", account).ha1()).containsOnlyKeys(DigestAlgorithm.SHA_256);
  }

  @Test
  void aRecordUnderAnotherKeyIsRefused() {
    SipAccount account = RegistrarRecords.account(
        SipCredential.fromPassword("acme", "acme.example", "alice", "agent-1", "secret"), "admin", T0);

    assertThatThrownBy(() -> RegistrarRecords.credential("other", "alice", account))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistrarRecords.bindings("acme", "agent-2",
        RegistrarRecords.record(bindings(), T0))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bindingsGoToKafkaAndComeBackTheSame() {
    AgentBindings bindings = bindings();

    AgentBindings read = RegistrarRecords.bindings("acme", "agent-1", SipTopics.BINDINGS.valueSerde()
        .decode(SipTopics.BINDINGS.valueSerde().encode(RegistrarRecords.record(bindings, T0))));

    assertThat(read).isEqualTo(bindings);
  }

  @Test
  void credentialsTableFindsByRealmAndUserAndATombstoneRemoves() {
    SipCredentials credentials = new SipCredentials();
    credentials.apply("acme", "alice", SipCredential.fromPassword("acme", "acme.example", "alice", "agent-1", "s"));

    assertThat(credentials.serves("ACME.example")).isTrue();
    assertThat(credentials.find("acme.example", "alice")).isPresent();
    assertThat(credentials.find("acme.example", "ALICE")).isEmpty();

    credentials.apply("acme", "alice", null);
    assertThat(credentials.find("acme.example", "alice")).isEmpty();
    assertThat(credentials.serves("acme.example")).isFalse();
  }

  private static AgentBindings bindings() {
    return new AgentBindings("acme", "agent-1", "sip:alice@acme.example",
        List.of(new Binding("sip:alice@10.0.0.1:5062;transport=tcp", T0.plusSeconds(600), "call-1", 7)),
        "bridge-1", T0);
  }
}
