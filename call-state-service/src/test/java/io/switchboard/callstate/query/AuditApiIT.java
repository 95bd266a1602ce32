package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.ProjectedService;
import io.switchboard.callstate.TestService;
import io.switchboard.schemas.audit.AuditEvents;
import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditTargetKind;
import io.switchboard.testsupport.Poll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

/**
 * Audit events produced on {@code audit.events} through the real broker, projected into
 * {@code audit_events} and read back through {@code GET /api/v1/audit}; then rebuilt by a replay.
 */
class AuditApiIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Instant T0 = Instant.parse("2025-05-06T08:00:00Z");

  @RegisterExtension
  static final ProjectedService service = new ProjectedService("auditapi", "--switchboard.housekeeping.enabled=false",
      "--switchboard.replay.progress-interval=100ms");
  private static WebTestClient http;

  private final String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
  private final String otherTenant = "other-" + tenant;

  @BeforeAll
  static void client() {
    http = TestService.http(service.context(), PATIENCE);
  }

  @Test
  void eventsReadBackNewestFirstPageByPageFilteredAndScopedToTheirTenantOnceEachThenRebuiltByAReplay() {
    // given a tenant's actions over an hour (two in the same millisecond), one of them published twice,
    // and another tenant's, some by an actor of the same name
    List<AuditEvent> events = new ArrayList<>(List.of(
        event(tenant, 0, AuditAction.QUEUE_CONFIGURED, AuditTargetKind.QUEUE, "sales", "alice", "admin"),
        event(tenant, 10, AuditAction.CALL_PRIORITY_CHANGED, AuditTargetKind.CALL, "c-1", "sam", "supervisor"),
        event(tenant, 20, AuditAction.USER_CREATED, AuditTargetKind.USER, "bob", "alice", "admin"),
        event(tenant, 20, AuditAction.PASSWORD_RESET, AuditTargetKind.USER, "bob", "alice", "admin"),
        event(tenant, 30, AuditAction.QUEUE_DELETED, AuditTargetKind.QUEUE, "sales", "alice", "admin"),
        refused(tenant, 40, AuditAction.CALL_FORCE_ASSIGNED, "c-2", "sam"),
        event(tenant, 50, AuditAction.WIDGET_KEY_CREATED, AuditTargetKind.WIDGET_KEY, "wk-1", "alice", "admin")));
    List<AuditEvent> others = List.of(
        event(otherTenant, 5, AuditAction.QUEUE_CONFIGURED, AuditTargetKind.QUEUE, "sales", "alice", "admin"),
        event(otherTenant, 25, AuditAction.USER_DELETED, AuditTargetKind.USER, "eve", "mallory", "admin"));

    // when they are published, one twice (at two offsets)
    events.forEach(AuditApiIT::publish);
    others.forEach(AuditApiIT::publish);
    RecordMetadata duplicate = publish(events.get(1));
    Poll.until(PATIENCE, "the duplicate to be read", () -> readPast(duplicate) ? true : null);
    Poll.until(PATIENCE, "the other tenant's events", () -> count(otherTenant) == others.size() ? true : null);
    assertThat(count(tenant)).isEqualTo(events.size());

    // then the tenant reads its events newest first (same millisecond: by event id, descending),
    // three at a time, the duplicate once
    List<AuditEvent> newestFirst = newestFirst(events);
    List<Map<String, Object>> walked = walk(tenant, uri -> uri.queryParam("limit", 3));
    assertThat(ids(walked)).containsExactlyElementsOf(newestFirst.stream().map(e -> e.getEventId().toString())
        .toList());
    assertThat(service.database().query("SELECT count(*) AS n FROM audit_events WHERE event_id = ?",
        events.get(1).getEventId()).get(0).get("n")).isEqualTo(1L);

    // and every field is read back as published
    Map<String, Object> refusal = walked.get(1);
    assertThat(refusal).containsEntry("eventId", events.get(5).getEventId().toString())
        .containsEntry("tenantId", tenant)
        .containsEntry("occurredAt", "2025-05-06T08:40:00.000Z")
        .containsEntry("source", "gateway-it")
        .containsEntry("actor", Map.of("subject", "sam", "roles", List.of("supervisor"), "agentId", "agent-sam"))
        .containsEntry("action", "CALL_FORCE_ASSIGNED")
        .containsEntry("target", Map.of("kind", "CALL", "id", "c-2"))
        .containsEntry("outcome", "REFUSED")
        .containsEntry("reason", "conflict")
        .containsEntry("details", Map.of("agentId", "agent-7"))
        .containsEntry("requestId", "req-40")
        .containsEntry("clientAddress", "198.51.100.40");
    Map<String, Object> success = walked.get(0);
    assertThat(success).containsEntry("outcome", "SUCCEEDED").containsEntry("reason", null)
        .containsEntry("details", Map.of("minute", "50"));

    // and the filters narrow it: one actor, some actions, a time range, each combined with paging
    assertThat(ids(walk(tenant, uri -> uri.queryParam("actor", "sam").queryParam("limit", 1))))
        .containsExactly(id(events.get(5)), id(events.get(1)));
    assertThat(ids(walk(tenant, uri -> uri.queryParam("action", "queue_configured,QUEUE_DELETED")
        .queryParam("limit", 1)))).containsExactly(id(events.get(4)), id(events.get(0)));
    assertThat(ids(walk(tenant, uri -> uri.queryParam("action", "USER_CREATED")
        .queryParam("action", "PASSWORD_RESET")))).containsExactlyInAnyOrder(id(events.get(2)), id(events.get(3)));
    assertThat(ids(walk(tenant, uri -> uri.queryParam("from", "2025-05-06T08:10:00Z")
        .queryParam("to", "2025-05-06T08:30:00Z").queryParam("limit", 2))))
        .containsExactlyElementsOf(newestFirst.stream().filter(e -> !e.getOccurredAt().isBefore(T0.plusSeconds(600))
            && e.getOccurredAt().isBefore(T0.plusSeconds(1800))).map(AuditApiIT::id).toList());

    // and the other tenant sees only its own, the tenant none of them
    assertThat(ids(walk(otherTenant, uri -> uri))).containsExactly(id(others.get(1)), id(others.get(0)));
    assertThat(ids(walk(tenant, uri -> uri.queryParam("actor", "mallory")))).isEmpty();

    // when the projection is rebuilt from the topics
    List<Map<String, Object>> rowsBefore = rows();
    http.post().uri("/admin/replay").exchange().expectStatus().isAccepted();
    Map<String, Object> done = Poll.until(PATIENCE, "the replay to finish", () -> {
      Map<String, Object> status = http.get().uri("/admin/replay").exchange().expectStatus().isOk()
          .expectBody(JSON).returnResult().getResponseBody();
      return List.of("DONE", "FAILED", "CANCELLED").contains(status.get("phase")) ? status : null;
    });

    // then the rebuilt table holds the same rows, each once, and the API answers the same
    assertThat(done).as("%s", done).containsEntry("phase", "DONE");
    assertThat(rows()).isEqualTo(rowsBefore);
    assertThat(walk(tenant, uri -> uri.queryParam("limit", 4))).isEqualTo(walked);
  }

  @Test
  void badParametersAre400sNamingThem() {
    bad(uri -> uri.queryParam("limit", 0), "limit");
    bad(uri -> uri.queryParam("limit", 501), "limit");
    bad(uri -> uri.queryParam("from", "yesterday"), "from");
    bad(uri -> uri.queryParam("from", "2025-05-06T09:00:00Z").queryParam("to", "2025-05-06T08:00:00Z"),
        "from must be before to");
    bad(uri -> uri.queryParam("action", "QUEUE_RENAMED"), "action");
    bad(uri -> uri.queryParam("cursor", "garbage"), "cursor");
    http.get().uri("/api/v1/audit").header("X-Tenant-Id", "not a tenant!").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.message").value(message ->
            assertThat((String) message).contains("X-Tenant-Id"));
  }

  private static AuditEvent event(String tenantId, int minute, AuditAction action, AuditTargetKind kind,
      String target, String subject, String role) {
    return new AuditEvents(clockAt(minute), "gateway-it").about(tenantId, action, kind, target)
        .by(subject, List.of(role), null).detail("minute", Integer.toString(minute))
        .request("req-" + minute, "198.51.100." + minute).succeeded();
  }

  private static AuditEvent refused(String tenantId, int minute, AuditAction action, String callId, String subject) {
    return new AuditEvents(clockAt(minute), "gateway-it").about(tenantId, action, AuditTargetKind.CALL, callId)
        .by(subject, List.of("supervisor"), "agent-" + subject).detail("agentId", "agent-7")
        .request("req-" + minute, "198.51.100." + minute).refused("conflict");
  }

  private static Clock clockAt(int minute) {
    return Clock.fixed(T0.plusSeconds(60L * minute), ZoneOffset.UTC);
  }

  private static RecordMetadata publish(AuditEvent event) {
    ProducerRecord<String, byte[]> record = AuditEvents.record(event);
    return service.producer().sendRaw(record.topic(), record.key(), record.value());
  }

  /** Whether the projection has committed its batches up to and including that record. */
  private static boolean readPast(RecordMetadata record) {
    return service.database().query("SELECT next_offset FROM consumer_offsets WHERE topic = ? AND partition = ?",
        record.topic(), record.partition()).stream()
        .anyMatch(row -> ((Number) row.get("next_offset")).longValue() > record.offset());
  }

  /** Newest first; within one millisecond by event id, descending, as PostgreSQL orders uuids (bytes, unsigned). */
  private static List<AuditEvent> newestFirst(List<AuditEvent> events) {
    return events.stream().sorted((a, b) -> {
      int byTime = b.getOccurredAt().compareTo(a.getOccurredAt());
      return byTime != 0 ? byTime : b.getEventId().toString().compareTo(a.getEventId().toString());
    }).toList();
  }

  /** Every page of the tenant's answer, following {@code next} until it is null. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> walk(String tenantId, Function<UriBuilder, UriBuilder> query) {
    List<Map<String, Object>> items = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 100; page++) {
      String after = cursor;
      Map<String, Object> answer = http.get()
          .uri(uri -> {
            UriBuilder builder = query.apply(uri.path("/api/v1/audit"));
            return (after == null ? builder : builder.queryParam("cursor", after)).build();
          })
          .header("X-Tenant-Id", tenantId).exchange().expectStatus().isOk()
          .expectBody(JSON).returnResult().getResponseBody();
      items.addAll((List<Map<String, Object>>) answer.get("items"));
      cursor = (String) answer.get("next");
      if (cursor == null) {
        return items;
      }
    }
    throw new AssertionError("More than 100 pages");
  }

  private static void bad(Function<UriBuilder, UriBuilder> query, String message) {
    http.get().uri(uri -> query.apply(uri.path("/api/v1/audit")).build()).exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.status").isEqualTo(400)
        .jsonPath("$.message").value(text -> assertThat((String) text).contains(message));
  }

  private static List<String> ids(List<Map<String, Object>> items) {
    return items.stream().map(item -> (String) item.get("eventId")).toList();
  }

  private static String id(AuditEvent event) {
    return event.getEventId().toString();
  }

  private long count(String tenantId) {
    return ((Number) service.database().query("SELECT count(*) AS n FROM audit_events WHERE tenant_id = ?", tenantId)
        .get(0).get("n")).longValue();
  }

  /** The table's rows as JSON, without the column that says when the projection wrote them. */
  private static List<Map<String, Object>> rows() {
    return service.database().query("SELECT (to_jsonb(a) - 'recorded_at')::text AS row FROM audit_events a ORDER BY 1");
  }
}
