package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.sip.registrar.BindingTable.ContactUpdate;
import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.SipBindings;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.FakeClock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaRegistrarEventsTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private final FakeClock clock = new FakeClock(T0);
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final SipCredentials credentials = new SipCredentials();
  private final KafkaRegistrarEvents events = new KafkaRegistrarEvents(producer, clock, "bridge-1", credentials);
  private final BindingTable table = new BindingTable(10);

  @Test
  void aNewContactWritesTheBindingsAndAgentRegisteredWithChannelSip() {
    BindingTable.Change change = register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 600)), false, 1);

    events.changed(change, "registered");

    ProducerRecord<String, byte[]> bindings = only(SipTopics.BINDINGS.name());
    assertThat(bindings.key()).isEqualTo("acme/agent-1");
    assertThat(bindings.timestamp()).isEqualTo(T0.toEpochMilli());
    SipBindings written = SipTopics.BINDINGS.valueSerde().decode(bindings.value());
    assertThat(written.getSource()).isEqualTo("bridge-1");
    assertThat(written.getAor()).isEqualTo("sip:alice@acme.example");
    assertThat(written.getContacts()).singleElement().satisfies(contact -> {
      assertThat(contact.getUri()).isEqualTo("sip:alice@10.0.0.1");
      assertThat(contact.getExpiresAt()).isEqualTo(T0.plusSeconds(600));
    });
    AgentEvent event = Topics.AGENT_EVENTS.valueSerde().decode(only(Topics.AGENT_EVENTS.name()).value());
    assertThat(event.getEventId()).isNotNull();
    assertThat(event.getTenantId()).isEqualTo("acme");
    assertThat(event.getAgentId()).isEqualTo("agent-1");
    assertThat(event.getSource()).isEqualTo("bridge-1");
    assertThat(event.getPayload()).isInstanceOfSatisfying(AgentRegistered.class, registered -> {
      assertThat(registered.getChannel()).isEqualTo(AgentChannel.SIP);
      assertThat(registered.getContact()).isEqualTo("sip:alice@10.0.0.1");
      assertThat(registered.getQueues()).isEmpty();
      assertThat(registered.getCapacity()).isEqualTo(1);
    });
  }

  @Test
  void withAvailableOnRegisterTheFirstContactMakesTheAgentAvailableAndARefreshDoesNot() {
    KafkaRegistrarEvents signingIn = new KafkaRegistrarEvents(producer, clock, "bridge-1", credentials, true);

    signingIn.changed(register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 600)), false, 1), "registered");
    signingIn.changed(register(List.of(new ContactUpdate("sip:alice@10.0.0.2", 600)), false, 2), "registered");

    List<Object> payloads = producer.history().stream().filter(r -> r.topic().equals(Topics.AGENT_EVENTS.name()))
        .map(r -> (Object) Topics.AGENT_EVENTS.valueSerde().decode(r.value()).getPayload()).toList();
    assertThat(payloads).hasSize(3);
    assertThat(payloads.get(0)).isInstanceOf(AgentRegistered.class);
    assertThat(payloads.get(1)).isInstanceOfSatisfying(AgentStatusChanged.class, status -> {
      assertThat(status.getStatus()).isEqualTo(AgentStatus.AVAILABLE);
      assertThat(status.getReason()).isEqualTo("sip-registered");
    });
    assertThat(payloads.get(2)).as("a second phone only registers").isInstanceOf(AgentRegistered.class);
  }

  @Test
  void agentRegisteredCarriesTheProfileOfTheSipAccount() {
    SipCredential credential = SipCredential.fromPassword("acme", "acme.example", "alice", "agent-1", "secret");
    credentials.apply("acme", "alice", new SipCredential(credential.tenantId(), credential.realm(),
        credential.username(), credential.agentId(), credential.ha1(), new AgentProfile("Alice",
            List.of("support", "sales"), List.of(new AgentProfile.Skill("english", 8)), 2)));

    events.changed(register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 600)), false, 1), "registered");

    AgentEvent event = Topics.AGENT_EVENTS.valueSerde().decode(only(Topics.AGENT_EVENTS.name()).value());
    assertThat(event.getPayload()).isInstanceOfSatisfying(AgentRegistered.class, registered -> {
      assertThat(registered.getDisplayName()).isEqualTo("Alice");
      assertThat(registered.getQueues()).containsExactly("support", "sales");
      assertThat(registered.getSkills()).singleElement().satisfies(skill -> {
        assertThat(skill.getName()).isEqualTo("english");
        assertThat(skill.getLevel()).isEqualTo(8);
      });
      assertThat(registered.getCapacity()).isEqualTo(2);
      assertThat(registered.getChannel()).isEqualTo(AgentChannel.SIP);
      assertThat(registered.getContact()).isEqualTo("sip:alice@10.0.0.1");
    });
  }

  @Test
  void aRefreshWritesTheBindingsOnly() {
    register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 600)), false, 1);
    BindingTable.Change refresh = register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 600)), false, 2);

    events.changed(refresh, "registered");

    assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(SipTopics.BINDINGS.name());
  }

  @Test
  void theLastContactGoingWritesATombstoneAndOfflineWithTheReason() {
    register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 600)), false, 1);
    BindingTable.Change gone = register(List.of(), true, 2);

    events.changed(gone, "unregistered");

    assertThat(only(SipTopics.BINDINGS.name()).value()).isNull();
    AgentEvent event = Topics.AGENT_EVENTS.valueSerde().decode(only(Topics.AGENT_EVENTS.name()).value());
    assertThat(event.getPayload()).isInstanceOfSatisfying(AgentStatusChanged.class, changed -> {
      assertThat(changed.getStatus()).isEqualTo(AgentStatus.OFFLINE);
      assertThat(changed.getReason()).isEqualTo("sip-unregistered");
    });
  }

  @Test
  void everyEventHasItsOwnId() {
    events.changed(register(List.of(new ContactUpdate("sip:a@1", 600), new ContactUpdate("sip:a@2", 600)), false, 1),
        "registered");

    List<AgentEvent> written = producer.history().stream()
        .filter(record -> record.topic().equals(Topics.AGENT_EVENTS.name()))
        .map(record -> Topics.AGENT_EVENTS.valueSerde().decode(record.value())).toList();
    assertThat(written).hasSize(2);
    assertThat(written.get(0).getEventId()).isNotEqualTo(written.get(1).getEventId());
  }

  private BindingTable.Change register(List<ContactUpdate> updates, boolean removeAll, long cseq) {
    return table.register("acme", "agent-1", "sip:alice@acme.example", updates, removeAll, "call-1", cseq, T0,
        "bridge-1").change();
  }

  private ProducerRecord<String, byte[]> only(String topic) {
    List<ProducerRecord<String, byte[]>> sent =
        producer.history().stream().filter(record -> record.topic().equals(topic)).toList();
    assertThat(sent).hasSize(1);
    return sent.get(0);
  }
}
