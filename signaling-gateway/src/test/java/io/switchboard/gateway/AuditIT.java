package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditOutcome;
import io.switchboard.schemas.avro.AuditTargetKind;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every admin and supervisor action through the gateway, done or refused, is one event on audit.events. */
class AuditIT {

  private final TestGateway gateway = TestGateway.shared();
  private final String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
  private final WebTestClient admin = gateway.as(gateway.issuer.token(tenant, "ada-admin", "admin"));
  private final WebTestClient supervisor = gateway.as(gateway.issuer.token(tenant, "sam-super", "supervisor"));
  private final WebTestClient agent = gateway.as(gateway.issuer.agentToken(tenant, "a-1"));

  @Test
  void eachAuditedActionIsOneEventWithItsActorActionTargetAndOutcome() {
    String callId = "call-" + UUID.randomUUID();
    gateway.callState.put(tenant, callId, "QUEUED", null);
    try (EventLog<AuditEvent> audit = EventLog.of(Topics.AUDIT_EVENTS)) {
      admin.put().uri("/api/v1/queues/sales").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"strategy\":\"ROUND_ROBIN\"}").exchange().expectStatus().isOk();
      supervisor.put().uri("/api/v1/queues/sales").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{}").exchange().expectStatus().isForbidden();
      supervisor.patch().uri("/api/v1/calls/" + callId).contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"priority\":500,\"tags\":[\"urgent\"]}").exchange().expectStatus().isAccepted();
      supervisor.post().uri("/api/v1/calls/" + callId + "/assign").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"agentId\":\"a-2\"}").exchange().expectStatus().isAccepted();
      admin.post().uri("/api/v1/calls/" + callId + "/assign").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"agentId\":\"a-2\"}").exchange().expectStatus().isForbidden();
      admin.post().uri("/api/v1/agents/a-2/sign-in").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"queues\":[\"sales\"],\"capacity\":2}").exchange().expectStatus().isAccepted();
      supervisor.put().uri("/api/v1/agents/a-2/status").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"status\":\"BREAK\",\"reason\":\"coaching\"}").exchange().expectStatus().isAccepted();
      agent.put().uri("/api/v1/agents/a-2/status").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"status\":\"AVAILABLE\"}").exchange().expectStatus().isForbidden();
      // An agent acting as itself is not an admin or supervisor action.
      agent.put().uri("/api/v1/agents/a-1/status").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"status\":\"AVAILABLE\"}").exchange().expectStatus().isAccepted();
      Poll.until(TestGateway.TIMEOUT, "the queue to be readable", () ->
          admin.get().uri("/api/v1/queues/sales").exchange().returnResult(String.class).getStatus().is2xxSuccessful()
              ? Boolean.TRUE : null);
      admin.delete().uri("/api/v1/queues/sales").exchange().expectStatus().isNoContent();

      // Keyed by tenant, one partition: once the last is read, every earlier one has been.
      audit.await(event -> tenant.equals(event.getTenantId()) && event.getAction() == AuditAction.QUEUE_DELETED,
          TestGateway.TIMEOUT);
      List<AuditEvent> events = audit.seen().stream().map(record -> record.value())
          .filter(event -> event != null && tenant.equals(event.getTenantId())).toList();

      assertThat(events).extracting(e -> e.getAction() + " " + e.getTarget().getKind() + " " + e.getTarget().getId()
              + " " + e.getOutcome() + " " + e.getActor().getSubject())
          .containsExactly(
              "QUEUE_CONFIGURED QUEUE sales SUCCEEDED ada-admin",
              "QUEUE_CONFIGURED QUEUE sales REFUSED sam-super",
              "CALL_PRIORITY_CHANGED CALL " + callId + " SUCCEEDED sam-super",
              "CALL_FORCE_ASSIGNED CALL " + callId + " SUCCEEDED sam-super",
              "CALL_FORCE_ASSIGNED CALL " + callId + " REFUSED ada-admin",
              "AGENT_SKILLS_CHANGED AGENT a-2 SUCCEEDED ada-admin",
              "AGENT_STATUS_CHANGED AGENT a-2 SUCCEEDED sam-super",
              "AGENT_STATUS_CHANGED AGENT a-2 REFUSED user-a-1",
              "QUEUE_DELETED QUEUE sales SUCCEEDED ada-admin");
      AuditEvent configured = events.get(0);
      assertThat(configured.getActor().getRoles()).containsExactly("admin");
      assertThat(configured.getDetails()).containsEntry("strategy", "ROUND_ROBIN");
      assertThat(configured.getRequestId()).isNotBlank();
      assertThat(configured.getClientAddress()).isEqualTo("127.0.0.1");
      assertThat(configured.getReason()).isNull();
      assertThat(events.get(1).getReason()).isEqualTo("forbidden");
      assertThat(events.get(1).getOutcome()).isEqualTo(AuditOutcome.REFUSED);
      assertThat(events.get(2).getDetails()).containsEntry("priority", "500").containsEntry("tags", "urgent");
      assertThat(events.get(3).getDetails()).isEqualTo(Map.of("agentId", "a-2"));
      assertThat(events.get(4).getReason()).isEqualTo("forbidden");
      assertThat(events.get(5).getDetails()).containsEntry("operation", "sign-in").containsEntry("queues", "sales")
          .containsEntry("capacity", "2");
      assertThat(events.get(6).getDetails()).isEqualTo(Map.of("status", "BREAK", "reason", "coaching"));
      assertThat(events.get(7).getActor().getAgentId()).isEqualTo("a-1");
      assertThat(events.get(8).getTarget().getKind()).isEqualTo(AuditTargetKind.QUEUE);
    }
  }

  @Test
  void theAuditLogIsForwardedToCallStateForAdminsOnly() {
    admin.get().uri("/api/v1/audit?actor=sam-super&limit=5").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.tenant").isEqualTo(tenant)
        .jsonPath("$.uri").isEqualTo("/api/v1/audit?actor=sam-super&limit=5");
    supervisor.get().uri("/api/v1/audit").exchange()
        .expectStatus().isForbidden()
        .expectBody().jsonPath("$.message").isEqualTo("Not allowed to read the audit log: needs role admin");
    gateway.anonymous().get().uri("/api/v1/audit").exchange().expectStatus().isUnauthorized();
  }
}
