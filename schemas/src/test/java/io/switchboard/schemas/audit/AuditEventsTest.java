package io.switchboard.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditOutcome;
import io.switchboard.schemas.avro.AuditTargetKind;
import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEventsTest {

  private static final Instant NOW = Instant.parse("2025-06-01T09:30:00.123456Z");
  private final AuditEvents audit = new AuditEvents(Clock.fixed(NOW, ZoneOffset.UTC), "gateway-1");

  @Test
  void makesTheEventFromItsPartsWithTheEnvelope() {
    // when
    AuditEvent event = audit.about("acme", AuditAction.QUEUE_CONFIGURED, AuditTargetKind.QUEUE, "sales")
        .by("alice", List.of("admin"), null)
        .detail("strategy", "RING_ALL")
        .request("req-7", "203.0.113.9")
        .succeeded();

    // then
    assertThat(event.getEventId()).isNotNull();
    assertThat(event.getTenantId()).isEqualTo("acme");
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2025-06-01T09:30:00.123Z"));
    assertThat(event.getSource()).isEqualTo("gateway-1");
    assertThat(event.getActor().getSubject()).isEqualTo("alice");
    assertThat(event.getActor().getRoles()).containsExactly("admin");
    assertThat(event.getActor().getAgentId()).isNull();
    assertThat(event.getAction()).isEqualTo(AuditAction.QUEUE_CONFIGURED);
    assertThat(event.getTarget().getKind()).isEqualTo(AuditTargetKind.QUEUE);
    assertThat(event.getTarget().getId()).isEqualTo("sales");
    assertThat(event.getOutcome()).isEqualTo(AuditOutcome.SUCCEEDED);
    assertThat(event.getReason()).isNull();
    assertThat(event.getDetails()).isEqualTo(Map.of("strategy", "RING_ALL"));
    assertThat(event.getRequestId()).isEqualTo("req-7");
    assertThat(event.getClientAddress()).isEqualTo("203.0.113.9");
  }

  @Test
  void aRefusalCarriesItsReason() {
    AuditEvent event = audit.about("acme", AuditAction.CALL_FORCE_ASSIGNED, AuditTargetKind.CALL, "c-1")
        .by("sam", List.of("supervisor"), "agent-sam")
        .refused("conflict");

    assertThat(event.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(event.getReason()).isEqualTo("conflict");
    assertThat(event.getActor().getAgentId()).isEqualTo("agent-sam");
  }

  @Test
  void theRecordIsKeyedByTenantAndReadsBackThroughTheTopicSerde() {
    UUID id = UUID.randomUUID();
    AuditEvent event = audit.about("acme", AuditAction.USER_DISABLED, AuditTargetKind.USER, "bob")
        .by("alice", List.of("admin"), null).eventId(id).succeeded();

    ProducerRecord<String, byte[]> record = AuditEvents.record(event);

    assertThat(record.topic()).isEqualTo("audit.events");
    assertThat(record.key()).isEqualTo("acme");
    AuditEvent read = Topics.AUDIT_EVENTS.valueSerde().decode(record.value());
    assertThat(read).isEqualTo(event);
    assertThat(read.getEventId()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "newPassword", "client_secret", "accessToken", "credentials", "apiKey",
      "widget-key", "Authorization", "set-cookie"})
  void aDetailNamedLikeASecretIsRefused(String name) {
    var entry = audit.about("acme", AuditAction.PASSWORD_RESET, AuditTargetKind.USER, "bob");

    assertThatThrownBy(() -> entry.detail(name, "hunter2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never carries secrets");
  }

  @Test
  void aKeyIdIsNotASecret() {
    AuditEvent event = audit.about("acme", AuditAction.API_KEY_REVOKED, AuditTargetKind.API_KEY, "k-12")
        .by("alice", List.of("admin"), null).detail("keyId", "k-12").detail("label", "crm").succeeded();

    assertThat(event.getDetails()).containsOnlyKeys("keyId", "label");
  }

  @Test
  void aLongValueIsCutAndANullValueLeftOut() {
    AuditEvent event = audit.about("acme", AuditAction.USER_CHANGED, AuditTargetKind.USER, "bob")
        .by("alice", List.of("admin"), null)
        .detail("displayName", "x".repeat(1000))
        .detail("email", null)
        .succeeded();

    assertThat(event.getDetails().get("displayName")).hasSize(AuditEvents.MAX_DETAIL_VALUE).endsWith("…");
    assertThat(event.getDetails()).doesNotContainKey("email");
  }

  @Test
  void atMostSixteenDetails() {
    var entry = audit.about("acme", AuditAction.QUEUE_CONFIGURED, AuditTargetKind.QUEUE, "sales");
    for (int i = 0; i < AuditEvents.MAX_DETAILS; i++) {
      entry.detail("d" + i, "v");
    }

    entry.detail("d0", "changed");
    assertThatThrownBy(() -> entry.detail("one-more", "v")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 16");
  }

  @Test
  void anEventWithoutItsActorIsAProgrammingError() {
    var entry = audit.about("acme", AuditAction.QUEUE_DELETED, AuditTargetKind.QUEUE, "sales");

    assertThatThrownBy(entry::succeeded).isInstanceOf(IllegalStateException.class).hasMessageContaining("actor");
  }

  @Test
  void unknownIsNeverWrittenAndTheTargetAndTenantAreRequired() {
    assertThatThrownBy(() -> audit.about("acme", AuditAction.UNKNOWN, AuditTargetKind.QUEUE, "q"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never written");
    assertThatThrownBy(() -> audit.about("acme", AuditAction.QUEUE_DELETED, AuditTargetKind.UNKNOWN, "q"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> audit.about(" ", AuditAction.QUEUE_DELETED, AuditTargetKind.QUEUE, "q"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantId");
    assertThatThrownBy(() -> audit.about("acme", AuditAction.QUEUE_DELETED, AuditTargetKind.QUEUE, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetId");
  }
}
