package io.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.security.CallerClaims;
import io.switchboard.gateway.security.SecurityProperties;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.audit.AuditEvents;
import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.test.StepVerifier;

class AuditFilterTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AuditFilter filter = new AuditFilter(AuditedRoute.ALL,
      new CallerClaims(new SecurityProperties.Claims("tenant", "roles", "agent_id")),
      new AuditEvents(TestWeb.CLOCK, TestWeb.SOURCE), publisher, meters);

  private static JwtAuthenticationToken token(String subject, String agentId, String... roles) {
    Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).claim("tenant", "acme")
        .claim("roles", List.of(roles));
    if (agentId != null) {
      jwt.claim("agent_id", agentId);
    }
    return new JwtAuthenticationToken(jwt.build());
  }

  /** Runs a request through the filter to a handler that answers {@code status}, with a detail. */
  private MockServerWebExchange answer(MockServerHttpRequest request, JwtAuthenticationToken caller, HttpStatus status) {
    MockServerWebExchange exchange = MockServerWebExchange.builder(request).principal(caller).build();
    filter.filter(exchange, next -> {
      AuditDetails.put(next, "status", "BREAK");
      next.getResponse().setStatusCode(status);
      return next.getResponse().setComplete();
    }).as(StepVerifier::create).verifyComplete();
    return exchange;
  }

  private List<AuditEvent> audited() {
    return publisher.sent().stream().map(sent -> (AuditEvent) sent.value()).toList();
  }

  @Test
  void aSupervisorSettingAnotherAgentsStatusIsOneSucceededEventKeyedByTenant() {
    answer(MockServerHttpRequest.put("/api/v1/agents/a-2/status").build(), token("sam", null, "supervisor"),
        HttpStatus.ACCEPTED);

    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo("audit.events");
      assertThat(sent.key()).isEqualTo("acme");
    });
    AuditEvent event = audited().get(0);
    assertThat(event.getAction()).isEqualTo(AuditAction.AGENT_STATUS_CHANGED);
    assertThat(event.getTarget().getId()).isEqualTo("a-2");
    assertThat(event.getOutcome()).isEqualTo(AuditOutcome.SUCCEEDED);
    assertThat(event.getActor().getSubject()).isEqualTo("sam");
    assertThat(event.getActor().getRoles()).containsExactly("supervisor");
    assertThat(event.getDetails()).containsEntry("status", "BREAK");
    assertThat(event.getSource()).isEqualTo(TestWeb.SOURCE);
  }

  @Test
  void aForbiddenAttemptIsRefusedAndOtherFailuresAreNotAudited() {
    answer(MockServerHttpRequest.put("/api/v1/queues/sales").build(), token("cy", null, "customer"),
        HttpStatus.FORBIDDEN);
    answer(MockServerHttpRequest.delete("/api/v1/queues/nope").build(), token("ada", null, "admin"),
        HttpStatus.NOT_FOUND);
    answer(MockServerHttpRequest.patch("/api/v1/calls/c1").build(), token("sam", null, "supervisor"),
        HttpStatus.CONFLICT);

    assertThat(audited()).singleElement().satisfies(event -> {
      assertThat(event.getAction()).isEqualTo(AuditAction.QUEUE_CONFIGURED);
      assertThat(event.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
      assertThat(event.getReason()).isEqualTo("forbidden");
    });
  }

  @Test
  void anAgentActingAsItselfAndRoutesThatAreNotAdminActionsAreNotAudited() {
    answer(MockServerHttpRequest.put("/api/v1/agents/a-1/status").build(), token("user-a-1", "a-1", "agent"),
        HttpStatus.ACCEPTED);
    answer(MockServerHttpRequest.post("/api/v1/agents/a-1/sign-in").build(), token("user-a-1", "a-1", "agent"),
        HttpStatus.ACCEPTED);
    answer(MockServerHttpRequest.get("/api/v1/queues/sales").build(), token("ada", null, "admin"), HttpStatus.OK);

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aCreatedWidgetKeyIsTheTargetItsControllerNamesAndARefusedCreationTargetsNew() {
    MockServerWebExchange created = MockServerWebExchange.builder(MockServerHttpRequest.post("/api/v1/widget-keys").build())
        .principal(token("ada", null, "admin")).build();
    filter.filter(created, next -> {
      AuditDetails.target(next, "wk_abc");
      next.getResponse().setStatusCode(HttpStatus.CREATED);
      return next.getResponse().setComplete();
    }).as(StepVerifier::create).verifyComplete();
    answer(MockServerHttpRequest.post("/api/v1/widget-keys").build(), token("sam", null, "supervisor"),
        HttpStatus.FORBIDDEN);
    answer(MockServerHttpRequest.delete("/api/v1/widget-keys/wk_abc").build(), token("ada", null, "admin"),
        HttpStatus.NO_CONTENT);

    assertThat(audited()).extracting(e -> e.getAction() + " " + e.getTarget().getKind() + " " + e.getTarget().getId()
        + " " + e.getOutcome()).containsExactly(
            "WIDGET_KEY_CREATED WIDGET_KEY wk_abc SUCCEEDED",
            "WIDGET_KEY_CREATED WIDGET_KEY (new) REFUSED",
            "WIDGET_KEY_REVOKED WIDGET_KEY wk_abc SUCCEEDED");
  }

  @Test
  void anEventKafkaDoesNotTakeIsCountedAndTheAnswerStands() {
    publisher.failing(true);

    MockServerWebExchange exchange = answer(MockServerHttpRequest.delete("/api/v1/queues/sales").build(),
        token("ada", null, "admin"), HttpStatus.NO_CONTENT);

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(meters.counter("switchboard.audit.unpublished").count()).isEqualTo(1);
  }

  @Test
  void aRequestWithoutAPrincipalPassesUnaudited() {
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.put("/api/v1/queues/q").build());

    filter.filter(exchange, next -> {
      next.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
      return next.getResponse().setComplete();
    }).as(StepVerifier::create).verifyComplete();

    assertThat(publisher.sent()).isEmpty();
    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
