package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka out of reach: tokens are still issued, admin changes answer 503 and are not kept. */
class AuditUnavailableIT {

  @RegisterExtension static final RunningIssuer issuer =
      new RunningIssuer("--switchboard.kafka.bootstrap-servers=127.0.0.1:9", "--switchboard.audit-timeout=2s");

  @Test
  void aChangeWhoseEventIsNotAcknowledgedIsA503AndIsNotKept() {
    HttpResponse<String> created = issuer.asAdmin("POST", "/api/v1/users",
        Map.of("username", "kept-not", "password", "a-long-enough-password", "roles", List.of("customer")));

    assertThat(created.statusCode()).isEqualTo(503);
    assertThat(Http.json(created.body())).containsEntry("status", 503).containsEntry("path", "/api/v1/users");
    assertThat(issuer.asAdmin("GET", "/api/v1/users/kept-not", null).statusCode()).isEqualTo(404);
    assertThat(issuer.asAdmin("DELETE", "/api/v1/users/admin-not-there", null).statusCode()).isEqualTo(503);
  }
}
