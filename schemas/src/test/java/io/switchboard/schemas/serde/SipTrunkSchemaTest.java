package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.SipTrunkDirection;
import io.switchboard.schemas.topics.Topic.Cleanup;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/** SipTrunk and SipNumber v1, on their compacted topics. */
class SipTrunkSchemaTest {

  @Test
  void bothAreReleasedAsV1OnCompactedTopics() {
    assertThat(SchemaNormalization.parsingFingerprint64(ReleasedSchemas.of(SipTrunk.class).get(0)))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(SipTrunk.getClassSchema()));
    assertThat(SchemaNormalization.parsingFingerprint64(ReleasedSchemas.of(SipNumber.class).get(0)))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(SipNumber.getClassSchema()));
    assertThat(Topics.SIP_TRUNKS.cleanup()).isEqualTo(Cleanup.COMPACT);
    assertThat(Topics.SIP_NUMBERS.cleanup()).isEqualTo(Cleanup.COMPACT);
    assertThat(Topics.ALL).contains(Topics.SIP_TRUNKS, Topics.SIP_NUMBERS);
  }

  @Test
  void aTrunkKeepsItsTrustAndTarget() {
    SipTrunk trunk = SipTrunk.newBuilder().setEventId(UUID.randomUUID()).setTenantId("acme")
        .setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L)).setSource("gateway-1").setTrunkId("carrier")
        .setDirection(SipTrunkDirection.BOTH).setTrustedSources(List.of("192.0.2.0/24")).setDigestRealm("acme.example")
        .setDigestUsername("pbx").setHa1Sha256("ab").setHa1Md5("cd").setOutboundHost("sip.carrier.example")
        .setOutboundPort(5061).setOutboundTransport("tcp").setOutboundUsername("acme").setOutboundPassword("s3cret")
        .build();

    SipTrunk copy = Topics.SIP_TRUNKS.valueSerde().decode(Topics.SIP_TRUNKS.valueSerde().encode(trunk));

    assertThat(copy).isEqualTo(trunk);
    assertThat(copy.getEnabled()).isTrue();
    assertThat(copy.getHeaderRouting()).isFalse();
  }

  @Test
  void aNumberKeepsItsQueueAndAttributes() {
    SipNumber number = SipNumber.newBuilder().setEventId(UUID.randomUUID()).setTenantId("acme")
        .setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L)).setSource("gateway-1").setNumber("4930123456")
        .setQueue("support").setTrunkId("carrier").setAttributes(Map.of("line", "berlin")).build();

    SipNumber copy = Topics.SIP_NUMBERS.valueSerde().decode(Topics.SIP_NUMBERS.valueSerde().encode(number));

    assertThat(copy).isEqualTo(number);
  }
}
