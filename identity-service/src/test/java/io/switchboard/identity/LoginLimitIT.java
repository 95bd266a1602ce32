package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.SharedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginLimitIT {

  @TempDir static Path data;
  private static TestIssuer issuer;

  @BeforeAll
  static void start() {
    issuer = TestIssuer.start(SharedPostgres.newDatabase("identity_limit"), data.resolve("pw"),
        "--switchboard.identity.login-limit.failures=3", "--switchboard.identity.login-limit.per=1h");
  }

  @AfterAll
  static void stop() {
    issuer.close();
  }

  @Test
  void anAddressThatFailedTooOftenGets429WithRetryAfterEvenWithTheRightPassword() {
    Http http = new Http(issuer.url());
    String password = Admins.initialPassword(data.resolve("pw"));
    for (int i = 0; i < 3; i++) {
      assertThat(Tokens.passwordGrant(http, "admin", "wrong-" + i).statusCode()).isEqualTo(400);
    }

    HttpResponse<String> grant = Tokens.passwordGrant(http, "admin", password);
    HttpResponse<String> login = TokensIT.formLogin(http.another(), "admin", password);

    assertThat(grant.statusCode()).isEqualTo(429);
    assertThat(grant.headers().firstValue("Retry-After")).hasValueSatisfying(
        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 1200L));
    assertThat(grant.body()).contains("too_many_requests");
    assertThat(login.statusCode()).isEqualTo(429);
    assertThat(login.headers().firstValue("Retry-After")).isPresent();
  }
}
