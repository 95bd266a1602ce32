package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PasswordGrantOffIT {

  @RegisterExtension static final RunningIssuer issuer =
      new RunningIssuer("--switchboard.identity.clients.cli.password-grant=false");

  @Test
  void theCliGetsNoTokenForAPasswordAndDiscoveryDoesNotOfferIt() {
    HttpResponse<String> grant = Tokens.passwordGrant(issuer.http(), "admin", issuer.adminPassword());

    assertThat(grant.statusCode()).isEqualTo(400);
    assertThat(Http.json(grant.body())).containsEntry("error", "unauthorized_client");
    assertThat(issuer.http().getJson("/.well-known/openid-configuration").get("grant_types_supported"))
        .asInstanceOf(list(Object.class)).contains("authorization_code").doesNotContain("password");
  }
}
