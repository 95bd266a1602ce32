package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import io.switchboard.testsupport.SharedPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryIT {

  @TempDir static Path data;
  private static TestIssuer issuer;
  private static Http http;

  @BeforeAll
  static void start() {
    issuer = TestIssuer.start(SharedPostgres.newDatabase("identity_discovery"), data.resolve("pw"));
    http = new Http(issuer.url());
  }

  @AfterAll
  static void stop() {
    issuer.close();
  }

  @Test
  void servesTheOpenIdConfigurationUnderTheIssuer() {
    Map<String, Object> discovery = http.getJson("/.well-known/openid-configuration");

    assertThat(discovery).containsEntry("issuer", issuer.url())
        .containsEntry("jwks_uri", issuer.url() + "/oauth2/jwks")
        .containsEntry("token_endpoint", issuer.url() + "/oauth2/token")
        .containsEntry("authorization_endpoint", issuer.url() + "/oauth2/authorize");
    assertThat(discovery.get("code_challenge_methods_supported")).asInstanceOf(list(Object.class)).contains("S256");
  }

  @Test
  void servesOneRsaKeyWithoutItsPrivatePart() {
    Map<String, Object> jwks = http.getJson("/oauth2/jwks");

    assertThat(jwks.get("keys")).asInstanceOf(list(Map.class)).singleElement()
        .satisfies(key -> assertThat(key).containsEntry("kty", "RSA").containsKey("kid").doesNotContainKey("d"));
  }
}
