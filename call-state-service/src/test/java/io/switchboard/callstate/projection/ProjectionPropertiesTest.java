package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ProjectionPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Properties.class)
      .withPropertyValues(
          "switchboard.instance-id=call-state-test",
          "switchboard.kafka.bootstrap-servers=localhost:9092",
          "switchboard.kafka.partitions=0",
          "switchboard.kafka.replication-factor=1",
          "switchboard.projection.poll-timeout=500ms",
          "switchboard.projection.max-poll-records=500",
          "switchboard.projection.max-align-wait=1s",
          "switchboard.projection.min-backoff=1s",
          "switchboard.projection.max-backoff=30s",
          "switchboard.projection.shutdown-timeout=10s");

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({KafkaProperties.class, ProjectionProperties.class, InstanceProperties.class})
  static class Properties {}

  @Test
  void validPropertiesBind() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(ProjectionProperties.class).maxPollRecords()).isEqualTo(500);
      assertThat(context.getBean(KafkaProperties.class).topicSettings().replicationFactor()).isEqualTo((short) 1);
    });
  }

  @Test
  void aZeroReplicationFactorFailsAtStartUp() {
    runner.withPropertyValues("switchboard.kafka.replication-factor=0").run(context ->
        assertThat(failure(context)).contains("switchboard.kafka").contains("replicationFactor"));
  }

  @Test
  void tooManyPollRecordsFailAtStartUp() {
    runner.withPropertyValues("switchboard.projection.max-poll-records=100000").run(context ->
        assertThat(failure(context)).contains("switchboard.projection").contains("maxPollRecords"));
  }

  @Test
  void aBlankBootstrapFailsAtStartUp() {
    runner.withPropertyValues("switchboard.kafka.bootstrap-servers= ").run(context ->
        assertThat(failure(context)).contains("bootstrapServers"));
  }

  @Test
  void aMaxBackoffBelowTheMinimumFailsAtStartUp() {
    runner.withPropertyValues("switchboard.projection.max-backoff=100ms").run(context ->
        assertThat(failure(context)).contains("switchboard.projection.max-backoff (PT0.1S) must not be shorter"));
  }

  @Test
  void aZeroPollTimeoutFailsAtStartUp() {
    runner.withPropertyValues("switchboard.projection.poll-timeout=0s").run(context ->
        assertThat(failure(context)).contains("switchboard.projection.poll-timeout must be positive"));
  }

  /** Every message of the start-up failure's cause chain. */
  private static String failure(org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
