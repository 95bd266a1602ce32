package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.Failures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ServiceSecurityPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Properties.class)
      .withPropertyValues("switchboard.security.audience=switchboard", "switchboard.security.roles-claim=roles");

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ServiceSecurityProperties.class)
  static class Properties {}

  @Test
  void anIssuerOrAKeySetIsEnough() {
    runner.withPropertyValues("switchboard.security.issuer-uri=https://login.example.com/realms/acme").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(ServiceSecurityProperties.class).hasJwkSet()).isFalse();
    });
    runner.withPropertyValues("switchboard.security.jwk-set-uri=http://identity:9000/oauth2/jwks").run(context ->
        assertThat(context.getBean(ServiceSecurityProperties.class).hasIssuer()).isFalse());
  }

  @Test
  void neitherIssuerNorKeySetFailsAtStartUp() {
    runner.run(context -> assertThat(failure(context))
        .contains("switchboard.security.issuer-uri or switchboard.security.jwk-set-uri must be set"));
  }

  @Test
  void aUriThatIsNotHttpFailsAtStartUp() {
    runner.withPropertyValues("switchboard.security.issuer-uri=login.example.com").run(context ->
        assertThat(failure(context)).contains("issuerUri").contains("must be an http(s) URL"));
  }

  @Test
  void aBlankAudienceOrRolesClaimFailsAtStartUp() {
    runner.withPropertyValues("switchboard.security.jwk-set-uri=http://identity:9000/oauth2/jwks",
        "switchboard.security.audience= ").run(context -> assertThat(failure(context)).contains("audience"));
    runner.withPropertyValues("switchboard.security.jwk-set-uri=http://identity:9000/oauth2/jwks",
        "switchboard.security.roles-claim=").run(context -> assertThat(failure(context)).contains("rolesClaim"));
  }

  private static String failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    return Failures.messages(context.getStartupFailure());
  }
}
