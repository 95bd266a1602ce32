package io.switchboard.media.sip.registrar;

import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.avro.SipBindings;
import io.switchboard.schemas.serde.AvroSerde;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topic.Cleanup;
import io.switchboard.schemas.topics.Topics;

/** The registrar's own compacted topics, beside the catalogue's {@code agent.events}. */
public final class SipTopics {

  /** Agents' SIP credentials, keyed {@code tenantId/username}; a tombstone deletes one. */
  public static final Topic<SipAccount> CREDENTIALS = new Topic<>(
      "sip.credentials", AvroSerde.forType(SipAccount.class), Topics.DEFAULT_PARTITIONS, Cleanup.COMPACT);

  /** Agents' current SIP bindings, keyed {@code tenantId/agentId}; a tombstone when none is left. */
  public static final Topic<SipBindings> BINDINGS = new Topic<>(
      "sip.bindings", AvroSerde.forType(SipBindings.class), Topics.DEFAULT_PARTITIONS, Cleanup.COMPACT);

  private SipTopics() {}
}
