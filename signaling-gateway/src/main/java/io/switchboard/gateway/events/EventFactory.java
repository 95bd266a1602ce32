package io.switchboard.gateway.events;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.WidgetKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Wraps payloads in the envelope every event carries: a fresh id, the tenant, the time and this instance. */
public final class EventFactory {

  private final Clock clock;
  private final String source;

  public EventFactory(Clock clock, String source) {
    this.clock = clock;
    this.source = source;
  }

  public CallEvent call(String tenantId, String callId, Object payload) {
    return call(tenantId, callId, payload, UUID.randomUUID());
  }

  /**
   * A call event with a given id: several instances that derive the same id for the same fact let
   * consumers drop the duplicates by event id.
   */
  public CallEvent call(String tenantId, String callId, Object payload, UUID eventId) {
    return CallEvent.newBuilder()
        .setEventId(eventId)
        .setTenantId(tenantId)
        .setOccurredAt(now())
        .setSource(source)
        .setCallId(callId)
        .setPayload(payload)
        .build();
  }

  public AgentEvent agent(String tenantId, String agentId, Object payload) {
    return agent(tenantId, agentId, payload, UUID.randomUUID());
  }

  /** An agent event with a given id, for facts that several instances derive alike. */
  public AgentEvent agent(String tenantId, String agentId, Object payload, UUID eventId) {
    return AgentEvent.newBuilder()
        .setEventId(eventId)
        .setTenantId(tenantId)
        .setOccurredAt(now())
        .setSource(source)
        .setAgentId(agentId)
        .setPayload(payload)
        .build();
  }

  /** A queue definition with its envelope filled in; the caller sets the queue's own fields. */
  public QueueConfig.Builder queueConfig(String tenantId, String queue) {
    return QueueConfig.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenantId)
        .setOccurredAt(now())
        .setSource(source)
        .setQueue(queue);
  }

  /** A media quality sample of a call with its envelope filled in; the caller sets the figures. */
  public QualityEvent.Builder quality(String tenantId, String callId) {
    return QualityEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenantId)
        .setOccurredAt(now())
        .setSource(source)
        .setCallId(callId);
  }

  public WidgetKey.Builder widgetKey(String tenantId, String keyId) {
    return WidgetKey.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenantId)
        .setOccurredAt(now())
        .setSource(source)
        .setKeyId(keyId);
  }

  public SipAccount.Builder sipAccount(String tenantId, String username) {
    return SipAccount.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenantId)
        .setOccurredAt(now())
        .setSource(source)
        .setUsername(username);
  }

  public SipTrunk.Builder sipTrunk(String tenantId, String trunkId) {
    return SipTrunk.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenantId)
        .setOccurredAt(now())
        .setSource(source)
        .setTrunkId(trunkId);
  }

  public SipNumber.Builder sipNumber(String tenantId, String number) {
    return SipNumber.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenantId)
        .setOccurredAt(now())
        .setSource(source)
        .setNumber(number);
  }

  // The wire format keeps milliseconds; truncating here keeps in-memory and decoded events equal.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
