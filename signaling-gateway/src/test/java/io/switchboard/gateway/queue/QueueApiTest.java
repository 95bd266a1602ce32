package io.switchboard.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingStrategy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class QueueApiTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final QueueConfigs queues = new QueueConfigs();
  private final FakeStats stats = new FakeStats();
  private final EventFactory events = new EventFactory(TestWeb.CLOCK, "other-gateway");

  /** Stats by "tenant/queue"; {@code down} fails like an unreachable routing service. */
  static final class FakeStats implements QueueStatsClient {
    final Map<String, String> bodies = new HashMap<>();
    boolean down;

    @Override
    public Mono<ResponseEntity<String>> stats(String tenantId, String queue) {
      if (down) {
        return Mono.error(ApiException.unavailable("The routing service is unreachable"));
      }
      String body = bodies.get(tenantId + "/" + queue);
      return Mono.just(body == null ? ResponseEntity.status(404).body("{\"status\":404}")
          : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body));
    }
  }

  private void run(Consumer<WebTestClient> test) {
    run(TestWeb.as("default", "admin"), test);
  }

  private void run(WebTestClientConfigurer caller, Consumer<WebTestClient> test) {
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(QueueConfigs.class, () -> queues)
        .withBean(QueueStatsClient.class, () -> stats)
        .withBean(QueueConfigParser.class, () -> new QueueConfigParser(JsonMapper.builder().build()))
        .withUserConfiguration(QueueController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(TestWeb.client(context, caller));
        });
  }

  private void stored(String tenant, String name, String strategy) {
    queues.apply(tenant, name, events.queueConfig(tenant, name).setStrategy(RoutingStrategy.valueOf(strategy)).build());
  }

  @Test
  void putPublishesTheConfigUnderTheTenantsQueueKeyAndAnswersItWithDefaults() {
    run(TestWeb.as("acme", "admin"), client -> client.put().uri("/api/v1/queues/vip").header("X-Tenant-Id", "globex")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"strategy\":\"RING_ALL\",\"ringAllAgents\":3,\"requiredSkills\":[{\"name\":\"english\",\"minLevel\":5}]}")
        .exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.name").isEqualTo("vip")
        .jsonPath("$.strategy").isEqualTo("RING_ALL")
        .jsonPath("$.ringAllAgents").isEqualTo(3)
        .jsonPath("$.requiredSkills[0].minLevel").isEqualTo(5)
        .jsonPath("$.priorityBase").isEqualTo(100)
        .jsonPath("$.serviceLevelSeconds").isEqualTo(20)
        .jsonPath("$.capacity").isEmpty()
        .jsonPath("$.updatedBy").isEqualTo(TestWeb.SOURCE));

    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo("queue.config");
      assertThat(sent.key()).isEqualTo("acme/vip");
      QueueConfig config = (QueueConfig) sent.value();
      assertThat(config.getTenantId()).isEqualTo("acme");
      assertThat(config.getQueue()).isEqualTo("vip");
      assertThat(config.getStrategy()).isEqualTo(RoutingStrategy.RING_ALL);
    });
  }

  @Test
  void anInvalidConfigIsABadRequestAndNothingIsPublished() {
    run(client -> client.put().uri("/api/v1/queues/sales").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"strategy\":\"FASTEST\"}")
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody()
        .jsonPath("$.path").isEqualTo("/api/v1/queues/sales")
        .jsonPath("$.message").value(m -> assertThat((String) m).contains("LONGEST_IDLE").contains("FASTEST")));
    run(client -> client.put().uri("/api/v1/queues/{name}", "bad:name").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus().isBadRequest());
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aPutWithoutABodyConfiguresTheDefaults() {
    run(client -> client.put().uri("/api/v1/queues/general").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.strategy").isEqualTo("LONGEST_IDLE"));
    assertThat(publisher.sent()).hasSize(1);
  }

  @Test
  void readsAnswerFromTheLocalViewOfTheTenant() {
    queues.markLoaded();
    stored("acme", "vip", "RING_ALL");
    stored("acme", "general", "ROUND_ROBIN");
    stored("globex", "secret", "RANDOM");
    run(TestWeb.as("acme", "supervisor"), client -> {
      client.get().uri("/api/v1/queues/vip").exchange()
          .expectStatus().isOk()
          .expectBody().jsonPath("$.strategy").isEqualTo("RING_ALL").jsonPath("$.name").isEqualTo("vip");
      client.get().uri("/api/v1/queues").exchange()
          .expectStatus().isOk()
          .expectBody().jsonPath("$.queues.length()").isEqualTo(2)
          .jsonPath("$.queues[0].name").isEqualTo("general")
          .jsonPath("$.queues[1].name").isEqualTo("vip");
      client.get().uri("/api/v1/queues/secret").header("X-Tenant-Id", "globex").exchange()
          .expectStatus().isNotFound()
          .expectBody().jsonPath("$.message").isEqualTo("Queue secret not found");
    });
  }

  @Test
  void readsAnswer503UntilTheViewIsLoaded() {
    stored("default", "vip", "RING_ALL");
    run(client -> {
      client.get().uri("/api/v1/queues/vip").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      client.get().uri("/api/v1/queues").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      client.delete().uri("/api/v1/queues/vip").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    });
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void deletePublishesATombstoneForAKnownQueueOnly() {
    queues.markLoaded();
    stored("acme", "vip", "RING_ALL");
    run(TestWeb.as("globex", "admin"), client -> client.delete().uri("/api/v1/queues/vip").exchange()
        .expectStatus().isNotFound());
    run(TestWeb.as("acme", "admin"), client -> client.delete().uri("/api/v1/queues/vip").exchange()
        .expectStatus().isNoContent());
    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo("queue.config");
      assertThat(sent.key()).isEqualTo("acme/vip");
      assertThat(sent.value()).isNull();
    });
  }

  @Test
  void statsAreForwardedToRoutingWithTheTenant() {
    stats.bodies.put("acme/vip", "{\"queue\":\"vip\",\"waiting\":3}");
    run(TestWeb.as("acme", "supervisor"), client -> client.get().uri("/api/v1/queues/vip/stats").exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.waiting").isEqualTo(3));
    run(TestWeb.as("globex", "supervisor"), client -> client.get().uri("/api/v1/queues/vip/stats")
        .header("X-Tenant-Id", "acme").exchange().expectStatus().isNotFound());
  }

  @Test
  void statsAnswer503WhenRoutingIsUnreachable() {
    stats.down = true;
    run(client -> client.get().uri("/api/v1/queues/vip/stats").exchange()
        .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
        .expectBody().jsonPath("$.path").isEqualTo("/api/v1/queues/vip/stats"));
  }

  @Test
  void onlyAnAdminConfiguresQueuesAndSupervisorsRead() {
    queues.markLoaded();
    stored("acme", "vip", "RING_ALL");
    for (String role : new String[] {"supervisor", "agent", "customer", "service"}) {
      run(TestWeb.caller("acme", "u", role.equals("agent") ? "a1" : null, role), client -> {
        client.put().uri("/api/v1/queues/vip").exchange().expectStatus().isForbidden()
            .expectBody().jsonPath("$.message").isEqualTo("Not allowed to configure queues: needs role admin");
        client.delete().uri("/api/v1/queues/vip").exchange().expectStatus().isForbidden();
      });
    }
    for (String role : new String[] {"agent", "customer", "service"}) {
      run(TestWeb.caller("acme", "u", role.equals("agent") ? "a1" : null, role), client -> {
        client.get().uri("/api/v1/queues/vip").exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/queues").exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/queues/vip/stats").exchange().expectStatus().isForbidden();
      });
    }
    run(TestWeb.as("acme", "admin"), client -> client.get().uri("/api/v1/queues/vip").exchange().expectStatus().isOk());
    assertThat(publisher.sent()).isEmpty();
  }
}
