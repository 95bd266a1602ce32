package io.switchboard.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class QueryPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(Enabled.class);

  @Test
  void noApplicationServerMeansASingleInstance() {
    runner.run(context -> {
      QueryProperties query = context.getBean(QueryProperties.class);
      Properties config = new Properties();
      query.applyTo(config);
      assertThat(query.self()).isEmpty();
      assertThat(config).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    });
  }

  @Test
  void anApplicationServerIsHandedToKafkaStreams() {
    runner.withPropertyValues("switchboard.routing.query.application-server=routing-2:8081").run(context -> {
      QueryProperties query = context.getBean(QueryProperties.class);
      Properties config = new Properties();
      query.applyTo(config);
      assertThat(query.self()).contains(new HostInfo("routing-2", 8081));
      assertThat(config).containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "routing-2:8081");
    });
  }

  @Test
  void aBadApplicationServerFailsAtStartUpNamingTheProperty() {
    runner.withPropertyValues("switchboard.routing.query.application-server=no-port").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("switchboard.routing.query.application-server");
    });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(QueryProperties.class)
  static class Enabled {}
}
