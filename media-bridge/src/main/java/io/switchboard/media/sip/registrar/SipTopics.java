package io.switchboard.media.sip.registrar;

import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.avro.SipBindings;
import io.switchboard.schemas.serde.AvroSerde;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topic.Cleanup;
import io.switchboard.schemas.topics.Topics;

/** The registrar's compacted topics: {@code sip.credentials} from the catalogue, and its own {@code sip.bindings}. */
public final class SipTopics {

  /** Agents' SIP accounts, keyed {@code tenantId/username}; the catalogue's, written by the gateway's admin API. */
  public static final Topic<SipAccount> CREDENTIALS = Topics.SIP_CREDENTIALS;

  /** Agents' current SIP bindings, keyed {@code tenantId/agentId}; a tombstone when none is left. */
  public static final Topic<SipBindings> BINDINGS = new Topic<>(
      "sip.bindings", AvroSerde.forType(SipBindings.class), Topics.DEFAULT_PARTITIONS, Cleanup.COMPACT);

  private SipTopics() {}
}
