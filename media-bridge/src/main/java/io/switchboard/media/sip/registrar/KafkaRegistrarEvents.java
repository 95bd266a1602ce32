package io.switchboard.media.sip.registrar;

import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes binding changes: the agent's bindings on {@code sip.bindings} (a tombstone when none is
 * left), {@code AgentRegistered} with channel SIP and the profile of the agent's SIP account for each
 * new contact and {@code
 * AgentStatusChanged} OFFLINE when the last one goes, on {@code agent.events} (and, with
 * {@code available-on-register}, AVAILABLE when the first one comes). Sends are
 * asynchronous: a REGISTER is not held up by Kafka, and a failed send is logged.
 */
final class KafkaRegistrarEvents implements RegistrarEvents {

  private static final Logger log = LoggerFactory.getLogger(KafkaRegistrarEvents.class);

  private final Producer<String, byte[]> producer;
  private final Clock clock;
  private final String instanceId;
  private final SipCredentials credentials;
  private final boolean availableOnRegister;

  KafkaRegistrarEvents(Producer<String, byte[]> producer, Clock clock, String instanceId, SipCredentials credentials) {
    this(producer, clock, instanceId, credentials, false);
  }

  KafkaRegistrarEvents(Producer<String, byte[]> producer, Clock clock, String instanceId, SipCredentials credentials,
      boolean availableOnRegister) {
    this.availableOnRegister = availableOnRegister;
    this.producer = producer;
    this.credentials = credentials;
    this.clock = clock;
    this.instanceId = instanceId;
  }

  @Override
  public void changed(BindingTable.Change change, String reason) {
    AgentBindings after = change.after();
    Instant at = clock.instant();
    byte[] value = after.contacts().isEmpty()
        ? null
        : SipTopics.BINDINGS.valueSerde().encode(RegistrarRecords.record(after, at));
    send(new ProducerRecord<>(SipTopics.BINDINGS.name(), null, at.toEpochMilli(), after.key(), value));
    for (String contact : change.added()) {
      // The SIP account is the profile of a phone agent: routing takes each AgentRegistered as the whole profile.
      AgentProfile profile = credentials.profile(after.tenantId(), after.agentId());
      AgentRegistered registered = AgentRegistered.newBuilder()
          .setDisplayName(profile.displayName())
          .setQueues(profile.queues())
          .setSkills(profile.skills().stream().map(skill -> new Skill(skill.name(), skill.level())).toList())
          .setCapacity(profile.capacity())
          .setChannel(AgentChannel.SIP)
          .setContact(contact)
          .build();
      send(Topics.AGENT_EVENTS.record(after.agentId(), event(after, at, registered)));
    }
    boolean firstCame = (change.before() == null || change.before().contacts().isEmpty())
        && !after.contacts().isEmpty();
    if (availableOnRegister && firstCame) {
      AgentStatusChanged available = AgentStatusChanged.newBuilder()
          .setStatus(AgentStatus.AVAILABLE)
          .setReason("sip-registered")
          .build();
      send(Topics.AGENT_EVENTS.record(after.agentId(), event(after, at, available)));
    }
    if (change.lastGone()) {
      AgentStatusChanged offline = AgentStatusChanged.newBuilder()
          .setStatus(AgentStatus.OFFLINE)
          .setReason("sip-" + reason)
          .build();
      send(Topics.AGENT_EVENTS.record(after.agentId(), event(after, at, offline)));
    }
  }

  private AgentEvent event(AgentBindings bindings, Instant at, Object payload) {
    return AgentEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(bindings.tenantId())
        .setOccurredAt(at)
        .setSource(instanceId)
        .setAgentId(bindings.agentId())
        .setPayload(payload)
        .build();
  }

  private void send(ProducerRecord<String, byte[]> record) {
    producer.send(record, (metadata, failure) -> {
      if (failure != null) {
        log.error("Could not publish {} for {} on {}", record.value() == null ? "a tombstone" : "a record",
            record.key(), record.topic(), failure);
      }
    });
  }
}
