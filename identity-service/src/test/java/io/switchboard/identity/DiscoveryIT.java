package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiscoveryIT {

  @RegisterExtension static final RunningIssuer issuer = new RunningIssuer();

  @Test
  void servesTheOpenIdConfigurationUnderTheIssuer() {
    Map<String, Object> discovery = issuer.http().getJson("/.well-known/openid-configuration");

    assertThat(discovery).containsEntry("issuer", issuer.url())
        .containsEntry("jwks_uri", issuer.url() + "/oauth2/jwks")
        .containsEntry("token_endpoint", issuer.url() + "/oauth2/token")
        .containsEntry("authorization_endpoint", issuer.url() + "/oauth2/authorize");
    assertThat(discovery.get("code_challenge_methods_supported")).asInstanceOf(list(Object.class)).contains("S256");
    assertThat(discovery.get("grant_types_supported")).asInstanceOf(list(Object.class))
        .contains("authorization_code", "refresh_token", "client_credentials", "password");
  }

  @Test
  void servesOneRsaKeyWithoutItsPrivatePart() {
    Map<String, Object> jwks = issuer.http().getJson("/oauth2/jwks");

    assertThat(jwks.get("keys")).asInstanceOf(list(Map.class)).singleElement()
        .satisfies(key -> assertThat(key).containsEntry("kty", "RSA").containsKey("kid").doesNotContainKey("d"));
  }
}
