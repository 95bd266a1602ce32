package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.security.CustomerKeys;
import io.switchboard.gateway.security.CustomerTokens;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

/** Calls made with a customer token of a widget key: its queue, and its origins. */
class WidgetCallApiTest {

  private static final String SHOP = "https://shop.example";

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final CustomerKeys keys = new CustomerKeys() {
    @Override
    public Optional<CustomerKey> active(String tenant, String keyId) {
      return switch (tenant + "/" + keyId) {
        case "acme/wk_support" -> Optional.of(new CustomerKey(tenant, keyId, Set.of(SHOP), "support"));
        case "acme/wk_any" -> Optional.of(new CustomerKey(tenant, keyId, Set.of(SHOP), null));
        default -> Optional.empty();
      };
    }

    @Override
    public Set<String> allOrigins() {
      return Set.of(SHOP);
    }
  };

  /** A verified customer token of the gateway for widget key {@code keyId}. */
  private static WebTestClientConfigurer customerOf(String keyId, String queue) {
    return mockJwt().jwt(jwt -> {
      jwt.claim("iss", CustomerTokens.ISSUER).subject("customer-1").claim("tenant", "acme")
          .claim("roles", List.of("customer")).claim("wk", keyId);
      if (queue != null) {
        jwt.claim("queue", queue);
      }
    }).authorities(new SimpleGrantedAuthority("ROLE_customer"));
  }

  private void run(WebTestClientConfigurer caller, Consumer<WebTestClient> test) {
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(CallStateClient.class, CallApiTest.FakeCallState::new)
        .withBean(CustomerKeys.class, () -> keys)
        .withUserConfiguration(CallController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(TestWeb.client(context, caller));
        });
  }

  /** An absolute URI, as a server sees it: CORS compares the origin with the request's own. */
  private static WebTestClient.ResponseSpec create(WebTestClient client, String origin, String body) {
    WebTestClient.RequestBodySpec request = client.post().uri("http://gateway.test/api/v1/calls").contentType(MediaType.APPLICATION_JSON);
    if (origin != null) {
      request.header("Origin", origin);
    }
    return request.bodyValue(body).exchange();
  }

  @Test
  void aKeyWithAQueueSendsItsCallsThereAndRefusesAnother() {
    run(customerOf("wk_support", "support"), client -> {
      create(client, SHOP, "{}").expectStatus().isCreated();
      create(client, SHOP, "{\"queue\":\"support\"}").expectStatus().isCreated();
      create(client, SHOP, "{\"queue\":\"sales\"}").expectStatus().isForbidden()
          .expectBody().jsonPath("$.message").isEqualTo(
              "Not allowed to call queue sales: the calls of widget key wk_support go to queue support");

      assertThat(publisher.sent()).hasSize(4).extracting(sent -> ((CallEvent) sent.value()).getPayload())
          .filteredOn(CallCreated.class::isInstance)
          .allSatisfy(payload -> {
            assertThat(((CallCreated) payload).getQueue()).isEqualTo("support");
            assertThat(((CallCreated) payload).getCustomerId()).isEqualTo("customer-1");
          });
    });
  }

  @Test
  void aKeyWithoutAQueueLetsThePageNameOne() {
    run(customerOf("wk_any", null), client -> {
      create(client, SHOP, "{\"queue\":\"sales\"}").expectStatus().isCreated();
      create(client, SHOP, "{}").expectStatus().isBadRequest()
          .expectBody().jsonPath("$.message").isEqualTo("Invalid request: queue must not be blank");
    });
  }

  @Test
  void aCustomerTokenFromAnotherOriginOrNoneIsRefused() {
    run(customerOf("wk_any", null), client -> {
      create(client, null, "{\"queue\":\"sales\"}").expectStatus().isForbidden()
          .expectBody().jsonPath("$.message").value(message -> assertThat((String) message)
              .contains("accepted only from the key's allowed origins"));
      create(client, "https://evil.example", "{\"queue\":\"sales\"}").expectStatus().isForbidden();
      assertThat(publisher.sent()).isEmpty();
    });
  }

  @Test
  void aCustomerTokenOfARevokedKeyIsRefusedFromAnyOrigin() {
    run(customerOf("wk_gone", null), client -> create(client, SHOP, "{\"queue\":\"sales\"}").expectStatus().isForbidden());
  }
}
