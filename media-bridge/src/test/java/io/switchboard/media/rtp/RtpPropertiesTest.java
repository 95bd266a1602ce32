package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RtpPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withPropertyValues("spring.config.name=media-bridge")
          .withUserConfiguration(PropertiesOnly.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(RtpProperties.class)
  static class PropertiesOnly {}

  @Test
  void defaultsRelayOnLoopbackFrom20000To29999WithAThirtySecondTimeout() {
    runner.run(context -> {
      RtpProperties properties = context.getBean(RtpProperties.class);
      assertThat(properties.host()).isEqualTo("127.0.0.1");
      assertThat(properties.portMin()).isEqualTo(20000);
      assertThat(properties.portMax()).isEqualTo(29999);
      assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(properties.holdTimeout()).isEqualTo(Duration.ofHours(2));
      assertThat(properties.qualityInterval()).isEqualTo(Duration.ofSeconds(5));
      assertThat(properties.latchAnySource()).isTrue();
      assertThat(properties.selectorThreads()).isZero();
      assertThat(properties.selectorLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    });
  }

  @Test
  void aRangeWithoutAPortPairFailsAtStartUp() {
    runner.withPropertyValues("switchboard.media.rtp.port-min=30001", "switchboard.media.rtp.port-max=30001")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(messages(context.getStartupFailure())).contains("port-min and port-max").contains("30001-30001");
        });
  }

  @Test
  void aPortAboveTheUdpRangeFailsAtStartUp() {
    runner.withPropertyValues("switchboard.media.rtp.port-max=70000").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("portMax").contains("65535");
    });
  }

  @Test
  void aZeroTimeoutFailsAtStartUp() {
    runner.withPropertyValues("switchboard.media.rtp.timeout=0s").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("switchboard.media.rtp.timeout must be positive");
    });
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      all.append(cause.getMessage()).append('\n');
    }
    return all.toString();
  }
}
