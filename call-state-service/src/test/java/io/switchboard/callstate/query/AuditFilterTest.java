package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.AuditAction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class AuditFilterTest {

  private static final UUID EVENT = UUID.fromString("0b7f4a52-3c55-4c59-9f51-6a3c0c2f1e11");

  @Test
  void defaultsToFiftyRowsAndNoFilters() {
    AuditFilter filter = AuditFilter.parse(null, "", " ", null, null, null);

    assertThat(filter).isEqualTo(new AuditFilter(null, null, null, List.of(), null, 50));
  }

  @Test
  void readsEveryParameter() {
    String cursor = new Cursor(Instant.parse("2025-01-01T00:30:00Z"), EVENT.toString()).encode();

    AuditFilter filter = AuditFilter.parse("2025-01-01T00:00:00Z", "2025-01-01T02:00:00+01:00", " alice ",
        List.of("queue_configured,QUEUE_DELETED", "Queue_Configured"), cursor, "500");

    assertThat(filter.from()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(filter.to()).isEqualTo(Instant.parse("2025-01-01T01:00:00Z"));
    assertThat(filter.actor()).isEqualTo("alice");
    assertThat(filter.actions()).containsExactly(AuditAction.QUEUE_CONFIGURED, AuditAction.QUEUE_DELETED);
    assertThat(filter.after().at()).isEqualTo(Instant.parse("2025-01-01T00:30:00Z"));
    assertThat(filter.afterEventId()).isEqualTo(EVENT);
    assertThat(filter.limit()).isEqualTo(500);
  }

  @Test
  void refusesBadParametersNamingThem() {
    refused(() -> AuditFilter.parse(null, null, null, null, null, "501"), "limit");
    refused(() -> AuditFilter.parse(null, null, null, null, null, "0"), "limit");
    refused(() -> AuditFilter.parse(null, null, null, null, null, "many"), "limit");
    refused(() -> AuditFilter.parse("last week", null, null, null, null, null), "from");
    refused(() -> AuditFilter.parse(null, "2025-01-01T00:00:00", null, null, null, null), "to");
    refused(() -> AuditFilter.parse("2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z", null, null, null, null),
        "from must be before to");
    refused(() -> AuditFilter.parse(null, null, null, List.of("QUEUE_RENAMED"), null, null), "action must be one of");
    refused(() -> AuditFilter.parse(null, null, null, null, "not-a-cursor", null), "cursor");
  }

  @Test
  void refusesAHistoryCursor() {
    String history = new Cursor(Instant.parse("2025-01-01T00:00:00Z"), "call-1").encode();

    refused(() -> AuditFilter.parse(null, null, null, null, history, null), "previous audit page");
  }

  @Test
  void bindsEveryFilterAndResumesStrictlyAfterTheCursorFetchingOneRowMore() {
    Cursor after = new Cursor(Instant.parse("2025-01-01T00:30:00Z"), EVENT.toString());
    AuditFilter filter = AuditFilter.parse("2025-01-01T00:00:00Z", null, "alice", List.of("USER_CREATED"),
        after.encode(), "10");

    SqlQuery query = AuditQueries.sql("t1", filter);

    assertThat(query.sql()).contains("FROM audit_events WHERE tenant_id = $1", "occurred_at >= $2",
        "actor_subject = $3", "action = ANY($4)", "(occurred_at, event_id) < ($5, $6)",
        "ORDER BY occurred_at DESC, event_id DESC LIMIT $7").doesNotContain("occurred_at <");
    assertThat(query.values()).hasSize(7).startsWith("t1", Instant.parse("2025-01-01T00:00:00Z"), "alice")
        .endsWith(after.at(), EVENT, 11);
    assertThat((String[]) query.values().get(3)).containsExactly("USER_CREATED");
  }

  private static void refused(Runnable parse, String message) {
    assertThatThrownBy(parse::run).isInstanceOf(ApiException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
  }
}
