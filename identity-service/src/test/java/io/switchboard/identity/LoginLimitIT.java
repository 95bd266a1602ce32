package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoginLimitIT {

  @RegisterExtension static final RunningIssuer issuer = new RunningIssuer(
      "--switchboard.identity.login-limit.failures=3", "--switchboard.identity.login-limit.per=1h");

  @Test
  void anAddressThatFailedTooOftenGets429WithRetryAfterEvenWithTheRightPassword() {
    Http http = new Http(issuer.url());
    String password = issuer.adminPassword();
    for (int i = 0; i < 3; i++) {
      assertThat(Tokens.passwordGrant(issuer.http(), "admin", "wrong-" + i).statusCode()).isEqualTo(400);
    }

    HttpResponse<String> grant = Tokens.passwordGrant(issuer.http(), "admin", password);
    HttpResponse<String> login = TokensIT.formLogin(issuer.http().another(), "admin", password);

    assertThat(grant.statusCode()).isEqualTo(429);
    assertThat(grant.headers().firstValue("Retry-After")).hasValueSatisfying(
        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 1200L));
    assertThat(grant.body()).contains("too_many_requests");
    assertThat(login.statusCode()).isEqualTo(429);
    assertThat(login.headers().firstValue("Retry-After")).isPresent();
  }
}
