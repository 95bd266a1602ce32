package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * SIP accounts through the shared gateway and the real broker: a PUT becomes a {@code SipAccount} on
 * {@code sip.credentials} with HA1s and no password, the gateway reads it back for GET and the list,
 * a second agent cannot take the username, other roles and tenants cannot see it, and a DELETE is a tombstone.
 */
class SipAccountIT {

  private static final String PASSWORD = "sip-it " + UUID.randomUUID();
  private final TestGateway gateway = TestGateway.shared();
  private final TestIssuer issuer = gateway.issuer;
  private final String tenant = "sip-" + UUID.randomUUID().toString().substring(0, 8);
  private final String realm = tenant + ".sip.localhost";
  private final WebTestClient admin = gateway.as(issuer.token(tenant, "ada-admin", "admin"));

  private WebTestClient.ResponseSpec put(WebTestClient client, String agent, String username) {
    return client.put().uri("/api/v1/agents/" + agent + "/sip-account").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Alice\","
            + "\"queues\":[\"support\"],\"skills\":[{\"name\":\"english\",\"level\":6}],\"capacity\":2}")
        .exchange();
  }

  private int status(WebTestClient client, String path) {
    return client.get().uri(path).exchange().returnResult(String.class).getStatus().value();
  }

  @Test
  void anAccountIsWrittenAsHa1sReadBackListedGuardedAndDeletedByATombstone() {
    try (EventLog<SipAccount> accounts = EventLog.of(Topics.SIP_CREDENTIALS);
         EventLog<AuditEvent> audit = EventLog.of(Topics.AUDIT_EVENTS)) {
      put(admin, "a1", "alice").expectStatus().isCreated().expectBody(String.class)
          .value(body -> assertThat(body).doesNotContain(PASSWORD).doesNotContain("ha1"));

      SipAccount written = accounts.await(a -> a.getTenantId().equals(tenant), TestGateway.TIMEOUT);
      assertThat(accounts.seen()).filteredOn(r -> r.value() == written).singleElement()
          .satisfies(r -> assertThat(r.key()).isEqualTo(tenant + "/alice"));
      assertThat(written.toString()).doesNotContain(PASSWORD);
      assertThat(written.getRealm()).isEqualTo(realm);
      assertThat(written.getAgentId()).isEqualTo("a1");
      assertThat(written.getHa1Md5()).isEqualTo(hash("MD5", "alice:" + realm + ":" + PASSWORD));
      assertThat(written.getHa1Sha256()).isEqualTo(hash("SHA-256", "alice:" + realm + ":" + PASSWORD));
      assertThat(written.getQueues()).containsExactly("support");
      assertThat(written.getCapacity()).isEqualTo(2);
      AuditEvent set = audit.await(e -> e.getTenantId().equals(tenant) && e.getAction() == AuditAction.SIP_ACCOUNT_SET,
          TestGateway.TIMEOUT);
      assertThat(set.getTarget().getId()).isEqualTo("a1");
      assertThat(set.getDetails()).containsEntry("username", "alice");
      assertThat(set.toString()).doesNotContain(PASSWORD);

      Poll.until(TestGateway.TIMEOUT, "the account in the gateway's view",
          () -> status(admin, "/api/v1/agents/a1/sip-account") == 200 ? true : null);
      admin.get().uri("/api/v1/agents/a1/sip-account").exchange().expectStatus().isOk().expectBody()
          .jsonPath("$.aor").isEqualTo("sip:alice@" + realm)
          .jsonPath("$.displayName").isEqualTo("Alice")
          .jsonPath("$.ha1Md5").doesNotExist();
      admin.get().uri("/api/v1/sip-accounts").exchange().expectStatus().isOk().expectBody()
          .jsonPath("$.accounts.length()").isEqualTo(1)
          .jsonPath("$.accounts[0].agentId").isEqualTo("a1");

      put(admin, "a2", "alice").expectStatus().isEqualTo(409);
      put(gateway.as(issuer.agentToken(tenant, "a1")), "a1", "alice").expectStatus().isForbidden();
      put(gateway.as(issuer.token(tenant, "sue", "supervisor")), "a1", "alice").expectStatus().isForbidden();
      assertThat(status(gateway.as(issuer.token(tenant, "sue", "supervisor")), "/api/v1/sip-accounts")).isEqualTo(403);
      WebTestClient otherAdmin = gateway.as(issuer.token("other-" + tenant, "ada-admin", "admin"));
      assertThat(status(otherAdmin, "/api/v1/agents/a1/sip-account")).isEqualTo(404);
      otherAdmin.delete().uri("/api/v1/agents/a1/sip-account").exchange().expectStatus().isNotFound();

      admin.delete().uri("/api/v1/agents/a1/sip-account").exchange().expectStatus().isNoContent();
      Poll.until(TestGateway.TIMEOUT, "the tombstone in the gateway's view",
          () -> status(admin, "/api/v1/agents/a1/sip-account") == 404 ? true : null);
      Poll.until(TestGateway.TIMEOUT, "the tombstone on " + Topics.SIP_CREDENTIALS.name(), () -> {
        readWhatThereIs(accounts);
        return accounts.seen().stream().anyMatch(r -> r.key().equals(tenant + "/alice") && r.value() == null)
            ? true : null;
      });
    }
  }

  /** Polls the log once: nothing matches, so it reads what there is and gives up. */
  private static void readWhatThereIs(EventLog<SipAccount> log) {
    try {
      log.awaitAll(value -> false, 1, Duration.ofMillis(200));
    } catch (AssertionError nothingMatches) {
      // expected
    }
  }

  private static String hash(String algorithm, String data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
