package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.identity.apikey.ApiKeyProperties;
import io.switchboard.identity.client.ClientProperties;
import io.switchboard.identity.firststart.BootstrapProperties;
import io.switchboard.identity.login.LoginLimitProperties;
import io.switchboard.identity.token.TokenProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The configuration records as bound at start-up: good defaults start, bad values stop it with their name. */
class IdentityPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Properties.class)
      .withPropertyValues(
          "switchboard.identity.bootstrap-tenant=default",
          "switchboard.identity.initial-admin-username=admin",
          "switchboard.identity.initial-admin-password-file=data/pw",
          "switchboard.identity.token.issuer=http://localhost:8084",
          "switchboard.identity.token.audience=switchboard",
          "switchboard.identity.token.access-token-ttl=15m",
          "switchboard.identity.token.refresh-token-ttl=8h",
          "switchboard.identity.clients.web.redirect-uris[0]=http://localhost:8080/cb",
          "switchboard.identity.login-limit.failures=10",
          "switchboard.identity.login-limit.per=1m");

  @Test
  void goodValuesBind() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(ClientProperties.class).cli().passwordGrant()).isTrue();
      assertThat(context.getBean(ClientProperties.class).services()).isEmpty();
      assertThat(context.getBean(ApiKeyProperties.class).maxPerTenant()).isEqualTo(50);
    });
  }

  @Test
  void aBlankAudienceFailsNamingTheProperty() {
    assertFails("Field error in object 'switchboard.identity.token' on field 'audience'",
        "switchboard.identity.token.audience=");
  }

  @Test
  void anAccessTokenTtlTooShortFails() {
    assertFails("on field 'accessTokenTtl'", "switchboard.identity.token.access-token-ttl=5s");
  }

  @Test
  void aShortServiceSecretFails() {
    assertFails("secret", "switchboard.identity.clients.services[0].client-id=gateway",
        "switchboard.identity.clients.services[0].secret=short");
  }

  @Test
  void aBadTenantNameFails() {
    assertFails("must match [A-Za-z0-9_-]{1,64}", "switchboard.identity.bootstrap-tenant=no spaces");
  }

  @Test
  void noRedirectUriFails() {
    assertFails("redirectUris", "switchboard.identity.clients.web.redirect-uris=");
  }

  @Test
  void noApiKeysPerTenantFails() {
    assertFails("on field 'maxPerTenant'", "switchboard.identity.api-keys.max-per-tenant=0");
  }

  @Test
  void zeroFailuresFails() {
    assertFails("on field 'failures'", "switchboard.identity.login-limit.failures=0");
  }

  private void assertFails(String message, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(message);
    });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({TokenProperties.class, ClientProperties.class, BootstrapProperties.class,
      LoginLimitProperties.class, ApiKeyProperties.class})
  static class Properties {}
}
