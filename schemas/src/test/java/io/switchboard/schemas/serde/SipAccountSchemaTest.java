package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.avro.SipSkill;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** SipAccount v2: the phone agent's profile beside its HA1s; v1 records still read, with the defaults. */
class SipAccountSchemaTest {

  @Test
  void theCurrentSipAccountIsReleasedAsV2() {
    List<Schema> released = ReleasedSchemas.of(SipAccount.class);

    assertThat(released).hasSize(2);
    assertThat(SchemaNormalization.parsingFingerprint64(released.get(1)))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(SipAccount.getClassSchema()));
    assertThat(SchemaHistory.problems(SipAccount.getClassSchema(), released)).isEmpty();
  }

  @Test
  void aV1RecordReadsWithNoProfile() {
    Schema v1 = ReleasedSchemas.of(SipAccount.class).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", UUID.randomUUID().toString());
    old.put("tenantId", "acme");
    old.put("occurredAt", 1_700_000_000_000L);
    old.put("source", "tool");
    old.put("username", "alice");
    old.put("realm", "acme.example");
    old.put("agentId", "agent-1");
    old.put("ha1Md5", "0123456789abcdef0123456789abcdef");

    SipAccount read = Topics.SIP_CREDENTIALS.valueSerde().decode(RandomRecords.singleObject(v1, old));

    assertThat(read.getUsername()).isEqualTo("alice");
    assertThat(read.getHa1Md5()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(read.getDisplayName()).isNull();
    assertThat(read.getQueues()).isEmpty();
    assertThat(read.getSkills()).isEmpty();
    assertThat(read.getCapacity()).isEqualTo(1);
  }

  @Test
  void aV2RecordKeepsItsProfile() {
    SipAccount account = SipAccount.newBuilder().setEventId(UUID.randomUUID()).setTenantId("acme")
        .setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L)).setSource("gateway-1").setUsername("alice")
        .setRealm("acme.example").setAgentId("agent-1").setHa1Sha256("ab").setHa1Md5("cd")
        .setDisplayName("Alice").setQueues(List.of("support")).setSkills(List.of(new SipSkill("english", 7)))
        .setCapacity(2).build();

    SipAccount copy = Topics.SIP_CREDENTIALS.valueSerde().decode(Topics.SIP_CREDENTIALS.valueSerde().encode(account));

    assertThat(copy).isEqualTo(account);
  }
}
