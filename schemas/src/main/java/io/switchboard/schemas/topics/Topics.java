package io.switchboard.schemas.topics;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.SessionPresence;
import io.switchboard.schemas.avro.SignalingMessage;
import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.WidgetKey;
import io.switchboard.schemas.serde.AvroSerde;
import io.switchboard.schemas.topics.Topic.Cleanup;
import java.util.List;

/** The topic catalogue of DESIGN §2. */
public final class Topics {

  /** Default partitions of the event topics; tenants and calls spread over them. */
  public static final int DEFAULT_PARTITIONS = 6;

  public static final Topic<CallEvent> CALL_EVENTS = new Topic<>(
      "call.events", AvroSerde.forType(CallEvent.class), DEFAULT_PARTITIONS, Cleanup.KEEP_ALL);

  public static final Topic<AgentEvent> AGENT_EVENTS = new Topic<>(
      "agent.events", AvroSerde.forType(AgentEvent.class), DEFAULT_PARTITIONS, Cleanup.KEEP_ALL);

  public static final Topic<RoutingDecision> ROUTING_DECISIONS = new Topic<>(
      "routing.decisions", AvroSerde.forType(RoutingDecision.class), DEFAULT_PARTITIONS, Cleanup.KEEP_ALL);

  public static final Topic<QueueConfig> QUEUE_CONFIG = new Topic<>(
      "queue.config", AvroSerde.forType(QueueConfig.class), DEFAULT_PARTITIONS, Cleanup.COMPACT);

  public static final Topic<QueueStats> QUEUE_STATS = new Topic<>(
      "queue.stats", AvroSerde.forType(QueueStats.class), DEFAULT_PARTITIONS, Cleanup.COMPACT);

  public static final Topic<QualityEvent> QUALITY_EVENTS = new Topic<>(
      "quality.events", AvroSerde.forType(QualityEvent.class), DEFAULT_PARTITIONS, Cleanup.KEEP_ALL);

  public static final Topic<SignalingMessage> SIGNALING = new Topic<>(
      "signaling", AvroSerde.forType(SignalingMessage.class), DEFAULT_PARTITIONS, Cleanup.KEEP_ALL);

  /** Admin and supervisor actions, keyed by tenant (see {@link io.switchboard.schemas.audit.AuditEvents}). */
  public static final Topic<AuditEvent> AUDIT_EVENTS = new Topic<>(
      "audit.events", AvroSerde.forType(AuditEvent.class), DEFAULT_PARTITIONS, Cleanup.KEEP_ALL);

  /** The tenants' public widget keys, keyed {@code tenantId/keyId} ({@link #tenantKey}); a tombstone revokes one. */
  public static final Topic<WidgetKey> WIDGET_KEYS = new Topic<>(
      "widget.keys", AvroSerde.forType(WidgetKey.class), DEFAULT_PARTITIONS, Cleanup.COMPACT);

  /**
   * The gateway instances' WebSocket sessions per agent and customer, keyed by
   * {@code tenantId/endpoint@instance} (see {@link #tenantKey}); each instance keeps its own record current.
   */
  public static final Topic<SessionPresence> PRESENCE = new Topic<>(
      "presence", AvroSerde.forType(SessionPresence.class), DEFAULT_PARTITIONS, Cleanup.COMPACT);

  /**
   * Agents' SIP accounts (HA1 digests and the phone agent's profile), keyed {@code tenantId/username}
   * ({@link #tenantKey}); written by the gateway's admin API, read by every media bridge; a tombstone deletes one.
   */
  public static final Topic<SipAccount> SIP_CREDENTIALS = new Topic<>(
      "sip.credentials", AvroSerde.forType(SipAccount.class), DEFAULT_PARTITIONS, Cleanup.COMPACT);

  /**
   * Tenants' SIP trunks (inbound trust, outbound target), keyed {@code tenantId/trunkId} ({@link #tenantKey});
   * written by the gateway's admin API, read by every media bridge; a tombstone deletes one.
   */
  public static final Topic<SipTrunk> SIP_TRUNKS = new Topic<>(
      "sip.trunks", AvroSerde.forType(SipTrunk.class), DEFAULT_PARTITIONS, Cleanup.COMPACT);

  /**
   * Dialed numbers mapped to queues, keyed {@code tenantId/number} ({@link #tenantKey}, digits only);
   * written by the gateway's admin API, read by every media bridge; a tombstone deletes one.
   */
  public static final Topic<SipNumber> SIP_NUMBERS = new Topic<>(
      "sip.numbers", AvroSerde.forType(SipNumber.class), DEFAULT_PARTITIONS, Cleanup.COMPACT);

  /** Every topic of the catalogue. */
  public static final List<Topic<?>> ALL = List.of(
      CALL_EVENTS, AGENT_EVENTS, ROUTING_DECISIONS, QUEUE_CONFIG, QUEUE_STATS, QUALITY_EVENTS, SIGNALING, AUDIT_EVENTS,
      WIDGET_KEYS, PRESENCE, SIP_CREDENTIALS, SIP_TRUNKS, SIP_NUMBERS);

  private Topics() {}

  /** Key of the queue topics: {@code tenantId/queue}. */
  public static String queueKey(String tenantId, String queue) {
    return tenantKey(tenantId, queue);
  }

  /** Key of the per-tenant compacted topics: {@code tenantId/id} (a queue name, a widget key id). */
  public static String tenantKey(String tenantId, String id) {
    return tenantId + "/" + id;
  }
}
