package io.switchboard.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.SipTrunkDirection;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

class SipTrunkApiTest {

  private static final String PASSWORD = "pbx digest secret";
  private static final String OUT_PASSWORD = "carrier-out-pass";
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final SipTrunks trunks = new SipTrunks();
  private final EventFactory events = new EventFactory(TestWeb.CLOCK, "other-gateway");

  SipTrunkApiTest() {
    trunks.markLoaded();
  }

  private void run(WebTestClientConfigurer caller, Consumer<WebTestClient> test) {
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(SipTrunks.class, () -> trunks)
        .withBean(SipProperties.class, () -> new SipProperties("sip.example.com"))
        .withUserConfiguration(SipTrunkController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(TestWeb.client(context, caller));
        });
  }

  private static WebTestClient.ResponseSpec put(WebTestClient client, String trunk, String body) {
    return client.put().uri("/api/v1/sip-trunks/" + trunk).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body).exchange();
  }

  private static void badRequest(WebTestClient client, String body, String message) {
    put(client, "t1", body).expectStatus().isBadRequest().expectBody().jsonPath("$.message")
        .value(m -> assertThat((String) m).contains(message));
  }

  private void stored(String tenant, String trunkId, List<String> sources, String digestUsername) {
    SipTrunk.Builder trunk = events.sipTrunk(tenant, trunkId).setDirection(SipTrunkDirection.INBOUND)
        .setTrustedSources(sources);
    if (digestUsername != null) {
      trunk.setDigestRealm(tenant + ".sip.example.com").setDigestUsername(digestUsername).setHa1Md5("00");
    }
    trunks.apply(tenant, trunkId, trunk.build());
  }

  @Test
  void putWritesTheTrunkUnderTheTenantsTrunkIdWithHa1sInTheTenantsRealmAndNeverReturnsAPassword() {
    run(TestWeb.as("Acme", "admin"), client -> put(client, "carrier", "{\"direction\":\"BOTH\","
        + "\"trustedSources\":[\"192.0.2.7/24\",\"198.51.100.20\"],\"digest\":{\"username\":\"pbx\",\"password\":\""
        + PASSWORD + "\"},\"headerRouting\":true,\"outbound\":{\"host\":\"SIP.Carrier.example\",\"port\":5080,"
        + "\"transport\":\"tcp\",\"username\":\"acct\",\"password\":\"" + OUT_PASSWORD + "\"}}")
        .expectStatus().isCreated()
        .expectBody(String.class).value(body -> assertThat(body).doesNotContain(PASSWORD).doesNotContain(OUT_PASSWORD)
            .doesNotContain("ha1").contains("\"realm\":\"acme.sip.example.com\"").contains("\"passwordSet\":true")
            .contains("\"trustedSources\":[\"192.0.2.0/24\",\"198.51.100.20/32\"]")));

    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo("sip.trunks");
      assertThat(sent.key()).isEqualTo("Acme/carrier");
      SipTrunk trunk = (SipTrunk) sent.value();
      assertThat(trunk.getTenantId()).isEqualTo("Acme");
      assertThat(trunk.getDirection()).isEqualTo(SipTrunkDirection.BOTH);
      assertThat(trunk.getEnabled()).isTrue();
      assertThat(trunk.getTrustedSources()).containsExactly("192.0.2.0/24", "198.51.100.20/32");
      assertThat(trunk.getDigestRealm()).isEqualTo("acme.sip.example.com");
      assertThat(trunk.getHa1Sha256()).isEqualTo(Ha1.sha256("pbx", "acme.sip.example.com", PASSWORD));
      assertThat(trunk.getHa1Md5()).isEqualTo(Ha1.md5("pbx", "acme.sip.example.com", PASSWORD));
      assertThat(trunk.toString()).doesNotContain(PASSWORD);
      assertThat(trunk.getHeaderRouting()).isTrue();
      assertThat(trunk.getOutboundHost()).isEqualTo("sip.carrier.example");
      assertThat(trunk.getOutboundPort()).isEqualTo(5080);
      assertThat(trunk.getOutboundTransport()).isEqualTo("tcp");
      assertThat(trunk.getOutboundPassword()).isEqualTo(OUT_PASSWORD);
    });
  }

  @Test
  void anInboundTrunkTrustedBySourceOnlyGetsTheDefaults() {
    stored("acme", "carrier", List.of("203.0.113.0/24"), null);

    run(TestWeb.as("acme", "admin"), client -> put(client, "carrier",
        "{\"direction\":\"INBOUND\",\"trustedSources\":[\"203.0.113.0/24\"]}").expectStatus().isOk()
        .expectBody().jsonPath("$.digest").doesNotExist().jsonPath("$.outbound").doesNotExist()
        .jsonPath("$.enabled").isEqualTo(true).jsonPath("$.headerRouting").isEqualTo(false));
    SipTrunk trunk = (SipTrunk) publisher.sent().get(0).value();
    assertThat(trunk.getDigestUsername()).isNull();
    assertThat(trunk.getHa1Md5()).isNull();
    assertThat(trunk.getOutboundHost()).isNull();
  }

  @Test
  void badFieldsAndTrunksThatDoNotFitTogetherAre400sSayingWhy() {
    run(TestWeb.as("acme", "admin"), client -> {
      badRequest(client, "{\"trustedSources\":[\"192.0.2.1\"]}", "direction");
      badRequest(client, "{\"direction\":\"SIDEWAYS\",\"trustedSources\":[\"192.0.2.1\"]}",
          "direction must be INBOUND, OUTBOUND or BOTH");
      badRequest(client, "{\"direction\":\"INBOUND\",\"trustedSources\":[\"carrier.example\"]}",
          "trustedSources[0]: 'carrier.example' is not an IP address or CIDR");
      badRequest(client, "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.0/33\"]}",
          "prefix length of '192.0.2.0/33' must be 0 to 32");
      badRequest(client, "{\"direction\":\"INBOUND\",\"trustedSources\":[\"10.0.0.0/8\"]}", "wider than /16");
      badRequest(client, "{\"direction\":\"INBOUND\",\"trustedSources\":[\"2001:db8::/16\"]}", "wider than /32");
      badRequest(client, "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.1\",\"192.0.2.1/32\"]}",
          "listed twice");
      badRequest(client, "{\"direction\":\"INBOUND\"}", "needs trustedSources, a digest or both");
      badRequest(client, "{\"direction\":\"INBOUND\",\"digest\":{\"username\":\"pbx\",\"password\":\"short\"}}",
          "digest.password must be 12 to 128 characters long");
      badRequest(client, "{\"direction\":\"INBOUND\",\"digest\":{\"username\":\"p/x\",\"password\":\"" + PASSWORD
          + "\"}}", "digest.username must match");
      badRequest(client, "{\"direction\":\"OUTBOUND\"}", "An OUTBOUND trunk needs outbound");
      badRequest(client, "{\"direction\":\"OUTBOUND\",\"trustedSources\":[\"192.0.2.1\"],\"outbound\":{\"host\":"
          + "\"sip.example.net\"}}", "takes no trustedSources");
      badRequest(client, "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.1\"],\"outbound\":{\"host\":"
          + "\"sip.example.net\"}}", "An INBOUND trunk takes no outbound");
      badRequest(client, "{\"direction\":\"OUTBOUND\",\"outbound\":{\"host\":\"sip.example.net\",\"port\":70000}}",
          "outbound.port must be 1 to 65535");
      badRequest(client, "{\"direction\":\"OUTBOUND\",\"outbound\":{\"host\":\"sip.example.net\",\"port\":0}}",
          "outbound.port must be 1 to 65535");
      badRequest(client, "{\"direction\":\"OUTBOUND\",\"outbound\":{\"host\":\"sip://x\"}}",
          "outbound.host must be a host name");
      badRequest(client, "{\"direction\":\"OUTBOUND\",\"outbound\":{\"host\":\"sip.example.net\",\"transport\":"
          + "\"tls\"}}", "outbound.transport must be udp or tcp");
      badRequest(client, "{\"direction\":\"OUTBOUND\",\"outbound\":{\"host\":\"sip.example.net\",\"username\":"
          + "\"acct\"}}", "outbound.username and outbound.password go together");
      put(client, "a%20b", "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.1\"]}").expectStatus()
          .isBadRequest();
    });
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aPasswordInABadRequestIsNeverEchoed() {
    run(TestWeb.as("acme", "admin"), client -> put(client, "t1", "{\"direction\":\"INBOUND\",\"digest\":"
        + "{\"username\":\"p/x\",\"password\":\"" + PASSWORD + "\"}}").expectStatus().isBadRequest()
        .expectBody(String.class).value(body -> assertThat(body).doesNotContain(PASSWORD)));
  }

  @Test
  void aSourceOverlappingAnotherTenantsTrunkIsA409ThatDoesNotNameIt() {
    stored("globex", "their-carrier", List.of("192.0.2.0/24"), null);

    run(TestWeb.as("acme", "admin"), client -> put(client, "t1",
        "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.128/25\"]}").expectStatus().isEqualTo(409)
        .expectBody(String.class).value(body -> assertThat(body).contains("another tenant")
            .doesNotContain("globex").doesNotContain("their-carrier")));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void theSameBlockOrDigestUsernameOnAnotherTrunkOfTheTenantIsA409() {
    stored("acme", "old", List.of("192.0.2.0/24"), "pbx");

    run(TestWeb.as("acme", "admin"), client -> {
      put(client, "t1", "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.0/24\"]}")
          .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
          .value(m -> assertThat((String) m).contains("already trusted by trunk old"));
      put(client, "t1", "{\"direction\":\"INBOUND\",\"digest\":{\"username\":\"pbx\",\"password\":\"" + PASSWORD
          + "\"}}").expectStatus().isEqualTo(409);
      // A narrower block inside the tenant's own is fine: the longest prefix wins.
      put(client, "t1", "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.7\"]}").expectStatus().isCreated();
      // And a trunk may keep its own block and username.
      put(client, "old", "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.0/24\"],\"digest\":"
          + "{\"username\":\"pbx\",\"password\":\"" + PASSWORD + "\"}}").expectStatus().isOk();
    });
    assertThat(publisher.sent()).extracting(RecordingPublisher.Sent::key).containsExactly("acme/t1", "acme/old");
  }

  @Test
  void onlyAnAdminManagesTrunks() {
    stored("acme", "carrier", List.of("192.0.2.0/24"), null);
    for (String role : new String[] {"agent", "supervisor", "customer"}) {
      run(TestWeb.as("acme", role), client -> {
        put(client, "carrier", "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.0/24\"]}")
            .expectStatus().isForbidden();
        client.get().uri("/api/v1/sip-trunks/carrier").exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/sip-trunks").exchange().expectStatus().isForbidden();
        client.delete().uri("/api/v1/sip-trunks/carrier").exchange().expectStatus().isForbidden();
      });
    }
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void getAndListShowOnlyTheCallersTenantAndAnotherTenantsTrunkIsA404() {
    stored("acme", "carrier", List.of("192.0.2.0/24"), "pbx");
    stored("globex", "other", List.of("198.51.100.0/24"), null);

    run(TestWeb.as("acme", "admin"), client -> {
      client.get().uri("/api/v1/sip-trunks/carrier").exchange().expectStatus().isOk().expectBody(String.class)
          .value(body -> assertThat(body).contains("\"trunkId\":\"carrier\"").contains("\"algorithms\":[\"MD5\"]")
              .doesNotContain("ha1").doesNotContain("198.51.100"));
      client.get().uri("/api/v1/sip-trunks").exchange().expectStatus().isOk().expectBody()
          .jsonPath("$.trunks.length()").isEqualTo(1)
          .jsonPath("$.trunks[0].trunkId").isEqualTo("carrier");
      client.get().uri("/api/v1/sip-trunks/other").exchange().expectStatus().isNotFound();
      client.delete().uri("/api/v1/sip-trunks/other").exchange().expectStatus().isNotFound();
    });
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void deleteWritesATombstone() {
    stored("acme", "carrier", List.of("192.0.2.0/24"), null);

    run(TestWeb.as("acme", "admin"), client ->
        client.delete().uri("/api/v1/sip-trunks/carrier").exchange().expectStatus().isNoContent());
    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.key()).isEqualTo("acme/carrier");
      assertThat(sent.value()).isNull();
    });
  }

  @Test
  void beforeTheTopicIsReadTheAnswerIs503() {
    SipTrunks loading = new SipTrunks();
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(SipTrunks.class, () -> loading)
        .withBean(SipProperties.class, () -> new SipProperties("sip.example.com"))
        .withUserConfiguration(SipTrunkController.class)
        .run(context -> TestWeb.client(context, TestWeb.as("acme", "admin")).get().uri("/api/v1/sip-trunks")
            .exchange().expectStatus().isEqualTo(503));
  }
}
