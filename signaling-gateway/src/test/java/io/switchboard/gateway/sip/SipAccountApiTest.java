package io.switchboard.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.SipAccount;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

class SipAccountApiTest {

  private static final String PASSWORD = "correct horse battery";
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final SipAccounts accounts = new SipAccounts();
  private final EventFactory events = new EventFactory(TestWeb.CLOCK, "other-gateway");

  SipAccountApiTest() {
    accounts.markLoaded();
  }

  private void run(WebTestClientConfigurer caller, Consumer<WebTestClient> test) {
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(SipAccounts.class, () -> accounts)
        .withBean(SipProperties.class, () -> new SipProperties("sip.example.com"))
        .withUserConfiguration(SipAccountController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(TestWeb.client(context, caller));
        });
  }

  private static WebTestClient.ResponseSpec put(WebTestClient client, String agent, String body) {
    return client.put().uri("/api/v1/agents/" + agent + "/sip-account").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body).exchange();
  }

  private void stored(String tenant, String agent, String username) {
    accounts.apply(tenant, username, events.sipAccount(tenant, username).setRealm(tenant + ".sip.example.com")
        .setAgentId(agent).setHa1Md5("00").setDisplayName(null).setQueues(List.of()).setSkills(List.of()).setCapacity(1)
        .build());
  }

  @Test
  void putWritesHa1sAndTheProfileUnderTheTenantsUsernameAndNeverThePassword() {
    run(TestWeb.as("Acme", "admin"), client -> put(client, "a1", "{\"username\":\"alice\",\"password\":\"" + PASSWORD
        + "\",\"displayName\":\" Alice \",\"queues\":[\"support\"],\"skills\":[{\"name\":\"english\",\"level\":7}],"
        + "\"capacity\":2}")
        .expectStatus().isCreated()
        .expectBody()
        .jsonPath("$.username").isEqualTo("alice")
        .jsonPath("$.realm").isEqualTo("acme.sip.example.com")
        .jsonPath("$.aor").isEqualTo("sip:alice@acme.sip.example.com")
        .jsonPath("$.algorithms[0]").isEqualTo("SHA-256")
        .jsonPath("$.ha1Md5").doesNotExist()
        .jsonPath("$.ha1Sha256").doesNotExist()
        .jsonPath("$.password").doesNotExist());

    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo("sip.credentials");
      assertThat(sent.key()).isEqualTo("Acme/alice");
      SipAccount account = (SipAccount) sent.value();
      assertThat(account.toString()).doesNotContain(PASSWORD);
      assertThat(account.getAgentId()).isEqualTo("a1");
      assertThat(account.getHa1Md5()).isEqualTo(Ha1.md5("alice", "acme.sip.example.com", PASSWORD));
      assertThat(account.getHa1Sha256()).isEqualTo(Ha1.sha256("alice", "acme.sip.example.com", PASSWORD));
      assertThat(account.getDisplayName()).isEqualTo("Alice");
      assertThat(account.getQueues()).containsExactly("support");
      assertThat(account.getSkills()).singleElement().satisfies(skill -> assertThat(skill.getLevel()).isEqualTo(7));
      assertThat(account.getCapacity()).isEqualTo(2);
    });
  }

  @Test
  void aShortPasswordIsA400ThatSaysSoWithoutEchoingIt() {
    run(TestWeb.as("acme", "admin"), client -> put(client, "a1", "{\"username\":\"alice\",\"password\":\"short-pw\"}")
        .expectStatus().isBadRequest()
        .expectBody()
        .jsonPath("$.message").value(message -> assertThat((String) message)
            .contains("password must be 12 to 128 characters long").doesNotContain("short-pw")));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void badFieldsAre400sNamingThem() {
    run(TestWeb.as("acme", "admin"), client -> {
      put(client, "a1", "{\"password\":\"" + PASSWORD + "\"}").expectStatus().isBadRequest()
          .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("username"));
      put(client, "a1", "{\"username\":\"a/b\",\"password\":\"" + PASSWORD + "\"}").expectStatus().isBadRequest()
          .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("username must match"));
      put(client, "a1", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\",\"skills\":[{\"name\":\"x\","
          + "\"level\":11}]}").expectStatus().isBadRequest()
          .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("skills[0].level"));
      put(client, "a1", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\",\"capacity\":0}")
          .expectStatus().isBadRequest()
          .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("capacity"));
      put(client, "a%20b", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}").expectStatus().isBadRequest();
    });
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aUsernameOfAnotherAgentOfTheTenantIsA409() {
    stored("acme", "a2", "alice");

    run(TestWeb.as("acme", "admin"), client -> put(client, "a1", "{\"username\":\"alice\",\"password\":\"" + PASSWORD
        + "\"}").expectStatus().isEqualTo(409));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aNewUsernameReplacesTheAgentsOldOne() {
    stored("acme", "a1", "old-phone");

    run(TestWeb.as("acme", "admin"), client -> put(client, "a1", "{\"username\":\"alice\",\"password\":\"" + PASSWORD
        + "\"}").expectStatus().isOk());
    assertThat(publisher.sent()).extracting(RecordingPublisher.Sent::key).containsExactly("acme/alice", "acme/old-phone");
    assertThat(publisher.sent().get(1).value()).isNull();
  }

  @Test
  void onlyAnAdminManagesSipAccounts() {
    stored("acme", "a1", "alice");
    for (String role : new String[] {"agent", "supervisor", "customer"}) {
      run(TestWeb.as("acme", role), client -> {
        put(client, "a1", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}").expectStatus().isForbidden();
        client.get().uri("/api/v1/agents/a1/sip-account").exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/sip-accounts").exchange().expectStatus().isForbidden();
        client.delete().uri("/api/v1/agents/a1/sip-account").exchange().expectStatus().isForbidden();
      });
    }
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void getAndListShowNoDigestAndOnlyTheCallersTenant() {
    stored("acme", "a1", "alice");
    stored("globex", "a1", "bob");

    run(TestWeb.as("acme", "admin"), client -> {
      client.get().uri("/api/v1/agents/a1/sip-account").exchange().expectStatus().isOk().expectBody(String.class)
          .value(body -> assertThat(body).contains("\"username\":\"alice\"").doesNotContain("ha1").doesNotContain("bob"));
      client.get().uri("/api/v1/sip-accounts").exchange().expectStatus().isOk().expectBody()
          .jsonPath("$.accounts.length()").isEqualTo(1)
          .jsonPath("$.accounts[0].username").isEqualTo("alice");
      client.get().uri("/api/v1/agents/a2/sip-account").exchange().expectStatus().isNotFound();
    });
  }

  @Test
  void deleteWritesATombstoneAndAnUnknownAccountIsA404() {
    stored("acme", "a1", "alice");

    run(TestWeb.as("acme", "admin"), client -> {
      client.delete().uri("/api/v1/agents/a1/sip-account").exchange().expectStatus().isNoContent();
      client.delete().uri("/api/v1/agents/a9/sip-account").exchange().expectStatus().isNotFound();
    });
    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.key()).isEqualTo("acme/alice");
      assertThat(sent.value()).isNull();
    });
  }

  @Test
  void beforeTheTopicIsReadTheAnswerIs503() {
    SipAccounts loading = new SipAccounts();
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(SipAccounts.class, () -> loading)
        .withBean(SipProperties.class, () -> new SipProperties("sip.example.com"))
        .withUserConfiguration(SipAccountController.class)
        .run(context -> TestWeb.client(context, TestWeb.as("acme", "admin")).get().uri("/api/v1/sip-accounts")
            .exchange().expectStatus().isEqualTo(503));
  }
}
