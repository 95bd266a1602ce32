package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditTargetKind;
import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.SipTrunkDirection;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * SIP trunks and numbers through the shared gateway and the real broker: a PUT becomes a record on
 * {@code sip.trunks} or {@code sip.numbers} under the {@code tenantId/id} key the media bridge reads,
 * in the form it reads (HA1s in the tenant's realm, digits-only numbers), audited without secrets,
 * read back for GET and the list, guarded against other tenants, and deleted by a tombstone.
 */
class SipTrunkIT {

  private static final String PASSWORD = "trunk-it " + UUID.randomUUID();
  private static final String OUT_PASSWORD = "out-" + UUID.randomUUID();
  private final TestGateway gateway = TestGateway.shared();
  private final TestIssuer issuer = gateway.issuer;
  private final String tenant = "trk-" + UUID.randomUUID().toString().substring(0, 8);
  private final String realm = tenant + ".sip.localhost";
  private final WebTestClient admin = gateway.as(issuer.token(tenant, "ada-admin", "admin"));
  private final WebTestClient otherAdmin = gateway.as(issuer.token("other-" + tenant, "ada-admin", "admin"));

  private static WebTestClient.ResponseSpec put(WebTestClient client, String path, String body) {
    return client.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  private static int status(WebTestClient client, String path) {
    return client.get().uri(path).exchange().returnResult(String.class).getStatus().value();
  }

  @Test
  void aTrunkIsWrittenInTheFormTheMediaBridgeReadsAuditedReadBackGuardedAndDeletedByATombstone() {
    try (EventLog<SipTrunk> trunks = EventLog.of(Topics.SIP_TRUNKS);
         EventLog<AuditEvent> audit = EventLog.of(Topics.AUDIT_EVENTS)) {
      put(admin, "/api/v1/sip-trunks/carrier", "{\"direction\":\"BOTH\",\"trustedSources\":[\"192.0.2.0/25\"],"
          + "\"digest\":{\"username\":\"pbx\",\"password\":\"" + PASSWORD + "\"},\"headerRouting\":true,"
          + "\"outbound\":{\"host\":\"sip.carrier.example\",\"port\":5080,\"username\":\"acct\",\"password\":\""
          + OUT_PASSWORD + "\"}}")
          .expectStatus().isCreated().expectBody(String.class)
          .value(body -> assertThat(body).doesNotContain(PASSWORD).doesNotContain(OUT_PASSWORD).doesNotContain("ha1"));

      SipTrunk written = trunks.await(t -> t.getTenantId().equals(tenant), TestGateway.TIMEOUT);
      assertThat(keyOf(trunks, written)).isEqualTo(tenant + "/carrier");
      assertThat(written.getTrunkId()).isEqualTo("carrier");
      assertThat(written.getDirection()).isEqualTo(SipTrunkDirection.BOTH);
      assertThat(written.getEnabled()).isTrue();
      assertThat(written.getTrustedSources()).containsExactly("192.0.2.0/25");
      // The bridge challenges with realm = the Request-URI's host, and checks answers against these HA1s.
      assertThat(written.getDigestRealm()).isEqualTo(realm);
      assertThat(written.getDigestUsername()).isEqualTo("pbx");
      assertThat(written.getHa1Md5()).isEqualTo(hash("MD5", "pbx:" + realm + ":" + PASSWORD));
      assertThat(written.getHa1Sha256()).isEqualTo(hash("SHA-256", "pbx:" + realm + ":" + PASSWORD));
      assertThat(written.toString()).doesNotContain(PASSWORD);
      assertThat(written.getHeaderRouting()).isTrue();
      assertThat(written.getOutboundHost()).isEqualTo("sip.carrier.example");
      assertThat(written.getOutboundPort()).isEqualTo(5080);
      assertThat(written.getOutboundTransport()).isEqualTo("udp");
      assertThat(written.getOutboundUsername()).isEqualTo("acct");
      assertThat(written.getOutboundPassword()).isEqualTo(OUT_PASSWORD);
      AuditEvent set = audit.await(e -> e.getTenantId().equals(tenant) && e.getAction() == AuditAction.SIP_TRUNK_SET,
          TestGateway.TIMEOUT);
      assertThat(set.getTarget().getKind()).isEqualTo(AuditTargetKind.SIP_TRUNK);
      assertThat(set.getTarget().getId()).isEqualTo("carrier");
      assertThat(set.getDetails()).containsEntry("direction", "BOTH").containsEntry("trustedSources", "192.0.2.0/25")
          .containsEntry("digestUsername", "pbx");
      assertThat(set.toString()).doesNotContain(PASSWORD).doesNotContain(OUT_PASSWORD);

      Poll.until(TestGateway.TIMEOUT, "the trunk in the gateway's view",
          () -> status(admin, "/api/v1/sip-trunks/carrier") == 200 ? true : null);
      admin.get().uri("/api/v1/sip-trunks/carrier").exchange().expectStatus().isOk().expectBody()
          .jsonPath("$.digest.realm").isEqualTo(realm)
          .jsonPath("$.outbound.passwordSet").isEqualTo(true)
          .jsonPath("$.outbound.password").doesNotExist();
      admin.get().uri("/api/v1/sip-trunks").exchange().expectStatus().isOk().expectBody()
          .jsonPath("$.trunks.length()").isEqualTo(1)
          .jsonPath("$.trunks[0].trunkId").isEqualTo("carrier");

      // Another tenant neither sees the trunk nor may trust addresses in its block.
      assertThat(status(otherAdmin, "/api/v1/sip-trunks/carrier")).isEqualTo(404);
      otherAdmin.delete().uri("/api/v1/sip-trunks/carrier").exchange().expectStatus().isNotFound();
      put(otherAdmin, "/api/v1/sip-trunks/mine", "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.10\"]}")
          .expectStatus().isEqualTo(409);
      put(gateway.as(issuer.token(tenant, "sue", "supervisor")), "/api/v1/sip-trunks/carrier",
          "{\"direction\":\"INBOUND\",\"trustedSources\":[\"192.0.2.0/25\"]}").expectStatus().isForbidden();

      admin.delete().uri("/api/v1/sip-trunks/carrier").exchange().expectStatus().isNoContent();
      Poll.until(TestGateway.TIMEOUT, "the tombstone in the gateway's view",
          () -> status(admin, "/api/v1/sip-trunks/carrier") == 404 ? true : null);
      awaitTombstone(trunks, tenant + "/carrier");
      audit.await(e -> e.getTenantId().equals(tenant) && e.getAction() == AuditAction.SIP_TRUNK_DELETED
          && e.getTarget().getId().equals("carrier"), TestGateway.TIMEOUT);
    }
  }

  @Test
  void aNumberIsWrittenUnderItsDigitsBelongsToOneTenantAndIsDeletedByATombstone() {
    String number = "49" + (100_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 899_999_999L));
    String spelled = "+" + number.substring(0, 2) + " " + number.substring(2);
    try (EventLog<SipNumber> numbers = EventLog.of(Topics.SIP_NUMBERS);
         EventLog<AuditEvent> audit = EventLog.of(Topics.AUDIT_EVENTS)) {
      admin.put().uri("/api/v1/sip-numbers/{number}", spelled).contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"queue\":\"support\",\"trunkId\":\"carrier\",\"attributes\":{\"language\":\"de\"}}")
          .exchange().expectStatus().isCreated().expectBody().jsonPath("$.number").isEqualTo(number);

      SipNumber written = numbers.await(n -> n.getTenantId().equals(tenant), TestGateway.TIMEOUT);
      assertThat(keyOf(numbers, written)).isEqualTo(tenant + "/" + number);
      assertThat(written.getNumber()).isEqualTo(number);
      assertThat(written.getQueue()).isEqualTo("support");
      assertThat(written.getTrunkId()).isEqualTo("carrier");
      assertThat(written.getAttributes()).isEqualTo(Map.of("language", "de"));
      AuditEvent set = audit.await(e -> e.getTenantId().equals(tenant)
          && e.getAction() == AuditAction.SIP_NUMBER_SET, TestGateway.TIMEOUT);
      assertThat(set.getTarget().getKind()).isEqualTo(AuditTargetKind.SIP_NUMBER);
      assertThat(set.getDetails()).containsEntry("number", number).containsEntry("queue", "support");

      Poll.until(TestGateway.TIMEOUT, "the number in the gateway's view",
          () -> status(admin, "/api/v1/sip-numbers/" + number) == 200 ? true : null);
      admin.get().uri("/api/v1/sip-numbers").exchange().expectStatus().isOk().expectBody()
          .jsonPath("$.numbers.length()").isEqualTo(1)
          .jsonPath("$.numbers[0].queue").isEqualTo("support");

      assertThat(status(otherAdmin, "/api/v1/sip-numbers/" + number)).isEqualTo(404);
      put(otherAdmin, "/api/v1/sip-numbers/" + number, "{\"queue\":\"theirs\"}").expectStatus().isEqualTo(409)
          .expectBody(String.class).value(body -> assertThat(body).doesNotContain(tenant));

      admin.delete().uri("/api/v1/sip-numbers/" + number).exchange().expectStatus().isNoContent();
      Poll.until(TestGateway.TIMEOUT, "the tombstone in the gateway's view",
          () -> status(admin, "/api/v1/sip-numbers/" + number) == 404 ? true : null);
      awaitTombstone(numbers, tenant + "/" + number);
    }
  }

  private static <V extends SpecificRecord> String keyOf(EventLog<V> log, V value) {
    return log.seen().stream().filter(r -> r.value() == value).map(ConsumerRecord::key).findFirst().orElseThrow();
  }

  private static <V extends SpecificRecord> void awaitTombstone(EventLog<V> log, String key) {
    Poll.until(TestGateway.TIMEOUT, "the tombstone of " + key, () -> {
      try {
        // Nothing matches: it reads what there is and gives up.
        log.awaitAll(value -> false, 1, Duration.ofMillis(200));
      } catch (AssertionError readWhatThereIs) {
        // expected
      }
      return log.seen().stream().anyMatch(r -> r.key().equals(key) && r.value() == null) ? true : null;
    });
  }

  private static String hash(String algorithm, String data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
