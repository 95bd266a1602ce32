package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RegistrarPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withPropertyValues("spring.config.name=media-bridge")
          .withUserConfiguration(PropertiesOnly.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(RegistrarProperties.class)
  static class PropertiesOnly {}

  @Test
  void defaultsOfferSha256ThenMd5AndKeepRegistrationsBetweenAMinuteAndAnHour() {
    runner.run(context -> {
      RegistrarProperties properties = context.getBean(RegistrarProperties.class);
      assertThat(properties.algorithms()).containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
      assertThat(properties.minExpires()).isEqualTo(60);
      assertThat(properties.maxExpires()).isEqualTo(3600);
      assertThat(properties.defaultExpires()).isEqualTo(3600);
      assertThat(properties.nonceLifetime()).isEqualTo(Duration.ofMinutes(5));
      assertThat(properties.nonceKey()).isNull();
    });
  }

  @Test
  void algorithmsAreReadAsOnTheWire() {
    runner.withPropertyValues("switchboard.media.sip.registrar.algorithms=MD5").run(context ->
        assertThat(context.getBean(RegistrarProperties.class).algorithms()).containsExactly(DigestAlgorithm.MD5));
  }

  @Test
  void anUnknownAlgorithmFailsAtStartUp() {
    runner.withPropertyValues("switchboard.media.sip.registrar.algorithms=SHA-512-256").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("algorithms").contains("SHA-512-256");
    });
  }

  @Test
  void aShortNonceKeyFailsAtStartUp() {
    runner.withPropertyValues("switchboard.media.sip.registrar.nonce-key=short").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("nonceKey").contains("at least 32 characters");
    });
  }

  @Test
  void aMinimumAboveTheMaximumFailsAtStartUp() {
    runner.withPropertyValues("switchboard.media.sip.registrar.min-expires=7200").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("min-expires <= default-expires <= max-expires");
    });
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
