package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditOutcome;
import io.switchboard.schemas.avro.AuditTargetKind;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every state-changing admin request, done or refused, is one event on audit.events; none holds a password. */
class AuditIT {

  private static final String PASSWORD = "a-long-enough-password";
  private static final String NEW_PASSWORD = "a-brand-new-password-9";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final RunningIssuer issuer = new RunningIssuer();
  private static EventLog<AuditEvent> audit;

  @BeforeAll
  static void readAudit() {
    audit = EventLog.of(Topics.AUDIT_EVENTS);
  }

  @AfterAll
  static void stopReading() {
    audit.close();
  }

  @Test
  void eachAdminActionIsOneSucceededEventWithItsActorAndTarget() {
    String username = "ev-" + UUID.randomUUID();
    String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    String adminSubject = Tokens.verified(issuer.http(), issuer.adminToken()).getSubject();

    issuer.createUser(username, PASSWORD, List.of("agent"), "agent-" + username);
    assertThat(issuer.asAdmin("PATCH", "/api/v1/users/" + username, Map.of("roles", List.of("agent", "supervisor")))
        .statusCode()).isEqualTo(200);
    assertThat(issuer.asAdmin("PATCH", "/api/v1/users/" + username, Map.of("enabled", false)).statusCode())
        .isEqualTo(200);
    assertThat(issuer.asAdmin("PUT", "/api/v1/users/" + username + "/password", Map.of("password", NEW_PASSWORD))
        .statusCode()).isEqualTo(204);
    assertThat(issuer.asAdmin("DELETE", "/api/v1/users/" + username, null).statusCode()).isEqualTo(204);
    assertThat(issuer.asAdmin("POST", "/api/v1/tenants",
        Map.of("tenant", tenant, "admin", Map.of("username", tenant + "-admin", "password", PASSWORD)))
        .statusCode()).isEqualTo(201);

    audit.await(event -> event.getTarget().getId().equals(tenant), WAIT);
    List<AuditEvent> events = about(username);
    assertThat(events).extracting(AuditEvent::getAction).containsExactly(AuditAction.USER_CREATED,
        AuditAction.USER_CHANGED, AuditAction.USER_DISABLED, AuditAction.PASSWORD_RESET, AuditAction.USER_DELETED);
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getTenantId()).isEqualTo("default");
      assertThat(event.getOutcome()).isEqualTo(AuditOutcome.SUCCEEDED);
      assertThat(event.getTarget().getKind()).isEqualTo(AuditTargetKind.USER);
      assertThat(event.getActor().getSubject()).isEqualTo(adminSubject);
      assertThat(event.getActor().getRoles()).contains("admin");
      assertThat(event.getClientAddress()).isEqualTo("127.0.0.1");
    });
    assertThat(events.get(0).getDetails()).containsEntry("roles", "agent").containsEntry("agentId", "agent-" + username);
    assertThat(events.get(1).getDetails()).containsEntry("roles", "agent,supervisor");
    AuditEvent tenantCreated = about(tenant).get(0);
    assertThat(about(tenant)).hasSize(1);
    assertThat(tenantCreated.getAction()).isEqualTo(AuditAction.TENANT_CREATED);
    assertThat(tenantCreated.getTarget().getKind()).isEqualTo(AuditTargetKind.TENANT);
    assertThat(tenantCreated.getDetails()).containsEntry("adminUsername", tenant + "-admin");
    assertNoPasswordIn(audit.seen().stream().map(record -> record.value()).toList());
  }

  @Test
  void refusedRequestsAreRefusedEvents() {
    String supervisor = "sup-" + UUID.randomUUID();
    issuer.createUser(supervisor, PASSWORD, List.of("supervisor"), null);
    String supervisorToken = Tokens.accessToken(issuer.http(), supervisor, PASSWORD);
    String tenant = "r" + UUID.randomUUID().toString().substring(0, 8);
    issuer.asAdmin("POST", "/api/v1/tenants",
        Map.of("tenant", tenant, "admin", Map.of("username", tenant + "-admin", "password", PASSWORD)));
    String otherAdmin = Tokens.accessToken(issuer.http(), tenant + "-admin", PASSWORD);
    String victim = "victim-" + UUID.randomUUID();
    issuer.createUser(victim, PASSWORD, List.of("customer"), null);

    HttpResponse<String> byRole = issuer.http().json("PUT", "/api/v1/users/" + victim + "/password",
        supervisorToken, Map.of("password", NEW_PASSWORD));
    HttpResponse<String> created = issuer.http().json("POST", "/api/v1/users", supervisorToken,
        Map.of("username", victim + "-new", "password", NEW_PASSWORD, "roles", List.of("admin")));
    HttpResponse<String> otherTenant = issuer.http().json("DELETE", "/api/v1/users/" + victim, otherAdmin, null);

    assertThat(byRole.statusCode()).isEqualTo(403);
    assertThat(created.statusCode()).isEqualTo(403);
    assertThat(otherTenant.statusCode()).isEqualTo(404);
    AuditEvent forbidden = audit.await(event -> event.getAction() == AuditAction.PASSWORD_RESET
        && event.getTarget().getId().equals(victim), WAIT);
    assertThat(forbidden.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(forbidden.getReason()).isEqualTo("forbidden");
    assertThat(forbidden.getActor().getRoles()).containsExactly("supervisor");
    AuditEvent forbiddenCreate = audit.await(event -> event.getTarget().getId().equals(victim + "-new"), WAIT);
    assertThat(forbiddenCreate.getAction()).isEqualTo(AuditAction.USER_CREATED);
    assertThat(forbiddenCreate.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
    AuditEvent notFound = audit.await(event -> event.getAction() == AuditAction.USER_DELETED
        && event.getTarget().getId().equals(victim), WAIT);
    assertThat(notFound.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(notFound.getReason()).isEqualTo("not_found");
    assertThat(notFound.getTenantId()).isEqualTo(tenant);
    // Keyed by tenant: the other tenant's refusal may be read before or after the default tenant's events.
    assertThat(about(victim)).extracting(AuditEvent::getOutcome)
        .containsExactlyInAnyOrder(AuditOutcome.SUCCEEDED, AuditOutcome.REFUSED, AuditOutcome.REFUSED);
    assertNoPasswordIn(audit.seen().stream().map(record -> record.value()).toList());
  }

  private static List<AuditEvent> about(String targetId) {
    return audit.seen().stream().map(record -> record.value())
        .filter(event -> event != null && event.getTarget().getId().equals(targetId)).toList();
  }

  private static void assertNoPasswordIn(List<AuditEvent> events) {
    assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.toString())
        .doesNotContain(PASSWORD, NEW_PASSWORD, "{bcrypt}", issuer.adminPassword()));
  }
}
