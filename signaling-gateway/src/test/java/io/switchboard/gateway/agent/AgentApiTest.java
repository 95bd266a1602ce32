package io.switchboard.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.Skill;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

class AgentApiTest {

  private final RecordingPublisher publisher = new RecordingPublisher();

  private void run(BiConsumer<WebTestClient, RecordingPublisher> test) {
    run(TestWeb.agent("default", "a1"), test);
  }

  private void run(WebTestClientConfigurer caller, BiConsumer<WebTestClient, RecordingPublisher> test) {
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withUserConfiguration(AgentController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(caller == null ? TestWeb.anonymous(context) : TestWeb.client(context, caller), publisher);
        });
  }

  @Test
  void signInPublishesAgentRegisteredWithTheDefaults() {
    run((client, sent) -> {
      client.post().uri("/api/v1/agents/a1/sign-in").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
          .exchange()
          .expectStatus().isAccepted()
          .expectBody().jsonPath("$.agentId").isEqualTo("a1").jsonPath("$.tenantId").isEqualTo("default");

      assertThat(sent.sent()).singleElement().satisfies(record -> {
        assertThat(record.topic()).isEqualTo("agent.events");
        assertThat(record.key()).isEqualTo("a1");
        AgentEvent event = (AgentEvent) record.value();
        assertThat(event.getTenantId()).isEqualTo("default");
        assertThat(event.getSource()).isEqualTo(TestWeb.SOURCE);
        assertThat(event.getOccurredAt()).isEqualTo(TestWeb.NOW);
        AgentRegistered registered = (AgentRegistered) event.getPayload();
        assertThat(registered.getCapacity()).isEqualTo(1);
        assertThat(registered.getChannel()).isEqualTo(AgentChannel.WEBRTC);
        assertThat(registered.getSkills()).isEmpty();
      });
    });
  }

  @Test
  void signInCarriesSkillsQueuesAndTheTokensTenantNotTheClientsHeader() {
    run(TestWeb.agent("acme", "ada@sales"), (client, sent) -> {
      client.post().uri("/api/v1/agents/ada@sales/sign-in").header("X-Tenant-Id", "globex")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"displayName\":\"Ada\",\"skills\":[{\"name\":\"english\",\"level\":7}],"
              + "\"queues\":[\"sales\",\"support\"],\"capacity\":2,\"channel\":\"SIP\"}")
          .exchange()
          .expectStatus().isAccepted();

      AgentEvent event = (AgentEvent) sent.sent().get(0).value();
      assertThat(event.getTenantId()).isEqualTo("acme");
      assertThat(event.getAgentId()).isEqualTo("ada@sales");
      AgentRegistered registered = (AgentRegistered) event.getPayload();
      assertThat(registered.getDisplayName()).isEqualTo("Ada");
      assertThat(registered.getSkills()).containsExactly(new Skill("english", 7));
      assertThat(registered.getQueues()).containsExactly("sales", "support");
      assertThat(registered.getCapacity()).isEqualTo(2);
      assertThat(registered.getChannel()).isEqualTo(AgentChannel.SIP);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"skills\":[{\"name\":\"english\",\"level\":11}]}|skills[0].level",
      "{\"skills\":[{\"name\":\"english\",\"level\":0}]}|skills[0].level",
      "{\"skills\":[{\"name\":\" \",\"level\":3}]}|skills[0].name",
      "{\"capacity\":0}|capacity",
      "{\"channel\":\"FAX\"}|channel",
      "{\"queues\":[\"\"]}|queues[0]",
      "{\"displayName\":\"  \"}|displayName"})
  void signInRefusesInvalidFieldsNamingThem(String bodyAndField) {
    String[] parts = bodyAndField.split("\\|");
    run((client, sent) -> {
      client.post().uri("/api/v1/agents/a1/sign-in").contentType(MediaType.APPLICATION_JSON).bodyValue(parts[0])
          .exchange()
          .expectStatus().isBadRequest()
          .expectBody()
          .jsonPath("$.status").isEqualTo(400)
          .jsonPath("$.error").isEqualTo("Bad Request")
          .jsonPath("$.path").isEqualTo("/api/v1/agents/a1/sign-in")
          .jsonPath("$.message").value(message -> assertThat((String) message).contains(parts[1]));
      assertThat(sent.sent()).isEmpty();
    });
  }

  @Test
  void malformedJsonIsABadRequestWithAMessage() {
    run((client, sent) -> client.post().uri("/api/v1/agents/a1/sign-in").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"capacity\": ")
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody()
        .jsonPath("$.status").isEqualTo(400)
        .jsonPath("$.message").value(message -> assertThat((String) message).startsWith("Malformed JSON body")));
  }

  @Test
  void invalidAgentIdIsABadRequest() {
    run(TestWeb.as("default", "admin"), (client, sent) -> {
      client.post().uri("/api/v1/agents/{id}/sign-in", "a b").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
          .exchange()
          .expectStatus().isBadRequest()
          .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("agentId"));
      assertThat(sent.sent()).isEmpty();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"AVAILABLE", "OFFLINE", "BREAK", "WRAP_UP"})
  void agentsSetTheirOwnStatuses(String status) {
    run((client, sent) -> {
      client.put().uri("/api/v1/agents/a1/status").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"status\":\"" + status + "\",\"reason\":\"lunch\"}")
          .exchange()
          .expectStatus().isAccepted()
          .expectBody().jsonPath("$.status").isEqualTo(status);

      AgentStatusChanged change = (AgentStatusChanged) ((AgentEvent) sent.sent().get(0).value()).getPayload();
      assertThat(change.getStatus()).isEqualTo(AgentStatus.valueOf(status));
      assertThat(change.getReason()).isEqualTo("lunch");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"RESERVED", "BUSY", "SLEEPING", ""})
  void routingOwnedOrUnknownStatusesAreRefused(String status) {
    run((client, sent) -> {
      client.put().uri("/api/v1/agents/a1/status").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"status\":\"" + status + "\"}")
          .exchange()
          .expectStatus().isBadRequest()
          .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("status"));
      assertThat(sent.sent()).isEmpty();
    });
  }

  @Test
  void brokerFailureAnswersServiceUnavailable() {
    publisher.failing(true);
    run((client, sent) -> client.put().uri("/api/v1/agents/a1/status").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"status\":\"AVAILABLE\"}")
        .exchange()
        .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
        .expectBody().jsonPath("$.status").isEqualTo(503).jsonPath("$.error").isEqualTo("Service Unavailable"));
  }

  @Test
  void unknownRouteAnswersTheErrorBody() {
    run((client, sent) -> client.get().uri("/api/v1/nothing-here")
        .exchange()
        .expectStatus().isNotFound()
        .expectBody()
        .jsonPath("$.status").isEqualTo(404)
        .jsonPath("$.path").isEqualTo("/api/v1/nothing-here")
        .jsonPath("$.message").exists());
  }

  @Test
  void statusBodyIsRequired() {
    run((client, sent) -> client.put().uri("/api/v1/agents/a1/status").contentType(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.status").isEqualTo(400).jsonPath("$.message").isNotEmpty());
  }

  @Test
  void anAgentActsOnlyAsItself() {
    run(TestWeb.agent("acme", "a1"), (client, sent) -> {
      client.post().uri("/api/v1/agents/a2/sign-in").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
          .exchange()
          .expectStatus().isForbidden()
          .expectBody().jsonPath("$.status").isEqualTo(403)
          .jsonPath("$.message").value(m -> assertThat((String) m).contains("acts only as itself (a1)"));
      client.put().uri("/api/v1/agents/a2/status").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"status\":\"AVAILABLE\"}")
          .exchange()
          .expectStatus().isForbidden();
      assertThat(sent.sent()).isEmpty();
    });
  }

  @Test
  void anAdminSignsInOthersAndASupervisorSetsTheirStatus() {
    run(TestWeb.as("acme", "admin"), (client, sent) -> client.post().uri("/api/v1/agents/a2/sign-in")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .exchange()
        .expectStatus().isAccepted());
    run(TestWeb.as("acme", "supervisor"), (client, sent) -> {
      client.put().uri("/api/v1/agents/a2/status").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"status\":\"BREAK\",\"reason\":\"coaching\"}")
          .exchange()
          .expectStatus().isAccepted();
      client.post().uri("/api/v1/agents/a2/sign-in").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
          .exchange()
          .expectStatus().isForbidden();
    });
    assertThat(publisher.sent()).hasSize(2)
        .allSatisfy(record -> assertThat(((AgentEvent) record.value()).getTenantId()).isEqualTo("acme"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"customer", "service"})
  void otherRolesMayNotActForAgents(String role) {
    run(TestWeb.as("acme", role), (client, sent) -> {
      client.post().uri("/api/v1/agents/a1/sign-in").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
          .exchange()
          .expectStatus().isForbidden()
          .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("needs role admin"));
      assertThat(sent.sent()).isEmpty();
    });
  }

  @Test
  void withoutATokenTheAnswerIs401WithTheErrorBody() {
    run(null, (client, sent) -> {
      client.post().uri("/api/v1/agents/a1/sign-in").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
          .exchange()
          .expectStatus().isUnauthorized()
          .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
          .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.error").isEqualTo("Unauthorized")
          .jsonPath("$.path").isEqualTo("/api/v1/agents/a1/sign-in");
      assertThat(sent.sent()).isEmpty();
    });
  }
}
