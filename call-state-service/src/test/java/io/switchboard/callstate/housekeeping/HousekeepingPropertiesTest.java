package io.switchboard.callstate.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class HousekeepingPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Properties.class)
      .withPropertyValues("switchboard.housekeeping.enabled=true", "switchboard.housekeeping.interval=30s",
          "switchboard.housekeeping.ringing-timeout=60s", "switchboard.housekeeping.connecting-timeout=60s",
          "switchboard.housekeeping.max-call-duration=4h", "switchboard.housekeeping.quality-retention=7d",
          "switchboard.housekeeping.batch-size=500");

  @EnableConfigurationProperties(HousekeepingProperties.class)
  static class Properties {}

  @Test
  void validPropertiesBind() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(HousekeepingProperties.class).maxCallDuration()).isEqualTo(Duration.ofHours(4));
    });
  }

  @Test
  void aZeroTimeoutFailsAtStartUp() {
    runner.withPropertyValues("switchboard.housekeeping.ringing-timeout=0s").run(context ->
        assertThat(failure(context)).contains("switchboard.housekeeping.ringing-timeout must be positive"));
  }

  @Test
  void aBatchSizeOfZeroFailsAtStartUp() {
    runner.withPropertyValues("switchboard.housekeeping.batch-size=0").run(context ->
        assertThat(failure(context)).contains("switchboard.housekeeping").contains("batchSize"));
  }

  private static String failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
