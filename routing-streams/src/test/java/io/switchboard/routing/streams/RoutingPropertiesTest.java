package io.switchboard.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.queue.PriorityProperties;
import io.switchboard.routing.queue.ReservationProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The defaults of routing-streams.yml bind, and a bad value stops start-up with a clear message. */
class RoutingPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withInitializer(new ConfigDataApplicationContextInitializer())
      .withPropertyValues("spring.config.name=routing-streams")
      .withUserConfiguration(AllProperties.class);

  @Test
  void defaultsComeFromTheModuleConfigurationFile() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      StreamsProperties streams = context.getBean(StreamsProperties.class);
      assertThat(streams.applicationId()).isEqualTo("switchboard-routing");
      assertThat(streams.commitInterval()).isEqualTo(Duration.ofMillis(100));
      assertThat(streams.repartitionPartitions()).isEqualTo(6);
      assertThat(context.getBean(ReservationProperties.class).timeout()).isEqualTo(Duration.ofSeconds(15));
      assertThat(context.getBean(PriorityProperties.class).rules().tags())
          .containsEntry("urgent", 75).containsEntry("high-priority", 50).containsEntry("escalation", 100);
      assertThat(context.getBean(KafkaProperties.class).bootstrapServers()).isEqualTo("localhost:9092");
      assertThat(context.getBean(InstanceProperties.class).instanceId()).startsWith("routing-streams-");
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "switchboard.routing.reservation.timeout=0s | switchboard.routing.reservation.timeout",
      "switchboard.routing.repartition-partitions=0 | switchboard.routing.repartition-partitions",
      "switchboard.routing.application-id=no spaces allowed | switchboard.routing.application-id",
      "switchboard.routing.commit-interval=0ms | switchboard.routing.commit-interval",
      "switchboard.kafka.bootstrap-servers= | switchboard.kafka.bootstrap-servers",
      "switchboard.kafka.replication-factor=0 | switchboard.kafka.replication-factor",
      "switchboard.routing.priority.base=5000000 | switchboard.routing.priority.base"})
  void badValueFailsAtStartUpNamingTheProperty(String setting, String property) {
    runner.withPropertyValues(setting).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(property);
    });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({KafkaProperties.class, StreamsProperties.class, InstanceProperties.class,
      ReservationProperties.class, PriorityProperties.class})
  static class AllProperties {}
}
