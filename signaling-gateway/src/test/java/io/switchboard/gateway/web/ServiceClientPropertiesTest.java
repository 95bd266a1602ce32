package io.switchboard.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.Failures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class ServiceClientPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(ServiceClientConfiguration.class);

  @Test
  void noneSetIsNoCredential() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      ServiceClientProperties properties = context.getBean(ServiceClientProperties.class);
      assertThat(properties.configured()).isFalse();
      assertThat(properties.authenticationMethod())
          .isEqualTo(ServiceClientProperties.AuthenticationMethod.CLIENT_SECRET_BASIC);
    });
  }

  @Test
  void allThreeSetIsACredential() {
    runner.withPropertyValues("switchboard.gateway.service-client.token-uri=http://identity:9000/oauth2/token",
        "switchboard.gateway.service-client.client-id=signaling-gateway",
        "switchboard.gateway.service-client.client-secret=s3cret",
        "switchboard.gateway.service-client.authentication-method=client_secret_post").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(ServiceClientProperties.class).configured()).isTrue();
        });
  }

  @Test
  void aClientIdWithoutTheRestFailsAtStartUp() {
    runner.withPropertyValues("switchboard.gateway.service-client.client-id=signaling-gateway").run(context ->
        assertThat(failure(context)).contains("token-uri, client-id and client-secret go together"));
  }

  @Test
  void aTokenUriThatIsNotHttpFailsAtStartUp() {
    runner.withPropertyValues("switchboard.gateway.service-client.token-uri=identity:9000/oauth2/token",
        "switchboard.gateway.service-client.client-id=signaling-gateway",
        "switchboard.gateway.service-client.client-secret=s3cret").run(context ->
        assertThat(failure(context)).contains("tokenUri").contains("must be an http(s) URL"));
  }

  @Test
  void anUnknownAuthenticationMethodFailsAtStartUp() {
    runner.withPropertyValues("switchboard.gateway.service-client.authentication-method=private_key_jwt").run(context ->
        assertThat(failure(context)).contains("authentication-method"));
  }

  private static String failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    return Failures.messages(context.getStartupFailure());
  }
}
