package io.switchboard.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.SipNumber;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

class SipNumberApiTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final SipNumbers numbers = new SipNumbers();
  private final EventFactory events = new EventFactory(TestWeb.CLOCK, "other-gateway");

  SipNumberApiTest() {
    numbers.markLoaded();
  }

  private void run(WebTestClientConfigurer caller, Consumer<WebTestClient> test) {
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(SipNumbers.class, () -> numbers)
        .withUserConfiguration(SipNumberController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(TestWeb.client(context, caller));
        });
  }

  private static WebTestClient.ResponseSpec put(WebTestClient client, String number, String body) {
    return client.put().uri("/api/v1/sip-numbers/{number}", number).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body).exchange();
  }

  private void stored(String tenant, String number, String queue) {
    numbers.apply(tenant, number, events.sipNumber(tenant, number).setQueue(queue).build());
  }

  @Test
  void putWritesTheNumbersDigitsAsTheKeyTheMediaBridgeLooksUp() {
    run(TestWeb.as("Acme", "admin"), client -> put(client, "+49 (30) 123-456",
        "{\"queue\":\"support\",\"trunkId\":\"carrier\",\"attributes\":{\"language\":\"de\"}}")
        .expectStatus().isCreated()
        .expectBody()
        .jsonPath("$.number").isEqualTo("4930123456")
        .jsonPath("$.queue").isEqualTo("support")
        .jsonPath("$.trunkId").isEqualTo("carrier")
        .jsonPath("$.attributes.language").isEqualTo("de"));

    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo("sip.numbers");
      assertThat(sent.key()).isEqualTo("Acme/4930123456");
      SipNumber number = (SipNumber) sent.value();
      assertThat(number.getTenantId()).isEqualTo("Acme");
      assertThat(number.getNumber()).isEqualTo("4930123456");
      assertThat(number.getQueue()).isEqualTo("support");
      assertThat(number.getTrunkId()).isEqualTo("carrier");
      assertThat(number.getAttributes()).isEqualTo(Map.of("language", "de"));
    });
  }

  @Test
  void anotherSpellingOfTheSameNumberReplacesIt() {
    stored("acme", "4930123456", "support");

    run(TestWeb.as("acme", "admin"), client -> {
      put(client, "4930123456", "{\"queue\":\"sales\"}").expectStatus().isOk()
          .expectBody().jsonPath("$.trunkId").doesNotExist();
      client.get().uri("/api/v1/sip-numbers/{n}", "+49-30-123456").exchange().expectStatus().isOk()
          .expectBody().jsonPath("$.number").isEqualTo("4930123456");
    });
    assertThat(publisher.sent()).extracting(RecordingPublisher.Sent::key).containsExactly("acme/4930123456");
  }

  @Test
  void badNumbersQueuesAndAttributesAre400sSayingWhy() {
    run(TestWeb.as("acme", "admin"), client -> {
      put(client, "support", "{\"queue\":\"support\"}").expectStatus().isBadRequest().expectBody()
          .jsonPath("$.message").value(m -> assertThat((String) m).contains("number must be 2 to 20 digits"));
      put(client, "1", "{\"queue\":\"support\"}").expectStatus().isBadRequest();
      put(client, "123456789012345678901", "{\"queue\":\"support\"}").expectStatus().isBadRequest();
      put(client, "4930123456", "{}").expectStatus().isBadRequest().expectBody()
          .jsonPath("$.message").value(m -> assertThat((String) m).contains("queue"));
      put(client, "4930123456", "{\"queue\":\"two words\"}").expectStatus().isBadRequest().expectBody()
          .jsonPath("$.message").value(m -> assertThat((String) m).contains("queue must match"));
      put(client, "4930123456", "{\"queue\":\"support\",\"trunkId\":\"a/b\"}").expectStatus().isBadRequest()
          .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("trunkId must match"));
      put(client, "4930123456", "{\"queue\":\"support\",\"attributes\":{\"trunk\":\"x\"}}").expectStatus()
          .isBadRequest().expectBody().jsonPath("$.message")
          .value(m -> assertThat((String) m).contains("trunk is set by the media bridge"));
      put(client, "4930123456", "{\"queue\":\"support\",\"attributes\":{\"a b\":\"x\"}}").expectStatus()
          .isBadRequest();
    });
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aNumberMappedByAnotherTenantIsA409ThatDoesNotNameIt() {
    stored("globex", "4930123456", "their-queue");

    run(TestWeb.as("acme", "admin"), client -> {
      put(client, "+4930123456", "{\"queue\":\"support\"}").expectStatus().isEqualTo(409)
          .expectBody(String.class).value(body -> assertThat(body).contains("another tenant")
              .doesNotContain("globex").doesNotContain("their-queue"));
      client.get().uri("/api/v1/sip-numbers/4930123456").exchange().expectStatus().isNotFound();
      client.delete().uri("/api/v1/sip-numbers/4930123456").exchange().expectStatus().isNotFound();
    });
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void onlyAnAdminManagesNumbers() {
    stored("acme", "200", "sales");
    for (String role : new String[] {"agent", "supervisor", "customer"}) {
      run(TestWeb.as("acme", role), client -> {
        put(client, "200", "{\"queue\":\"sales\"}").expectStatus().isForbidden();
        client.get().uri("/api/v1/sip-numbers/200").exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/sip-numbers").exchange().expectStatus().isForbidden();
        client.delete().uri("/api/v1/sip-numbers/200").exchange().expectStatus().isForbidden();
      });
    }
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void theListIsTheCallersTenantsAndDeleteWritesATombstone() {
    stored("acme", "200", "sales");
    stored("acme", "4930123456", "support");
    stored("globex", "300", "other");

    run(TestWeb.as("acme", "admin"), client -> {
      client.get().uri("/api/v1/sip-numbers").exchange().expectStatus().isOk().expectBody()
          .jsonPath("$.numbers.length()").isEqualTo(2)
          .jsonPath("$.numbers[0].number").isEqualTo("200")
          .jsonPath("$.numbers[1].queue").isEqualTo("support");
      client.delete().uri("/api/v1/sip-numbers/{n}", "+49 30 123456").exchange().expectStatus().isNoContent();
    });
    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.key()).isEqualTo("acme/4930123456");
      assertThat(sent.value()).isNull();
    });
  }

  @Test
  void beforeTheTopicIsReadTheAnswerIs503() {
    SipNumbers loading = new SipNumbers();
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(SipNumbers.class, () -> loading)
        .withUserConfiguration(SipNumberController.class)
        .run(context -> TestWeb.client(context, TestWeb.as("acme", "admin")).get().uri("/api/v1/sip-numbers")
            .exchange().expectStatus().isEqualTo(503));
  }
}
