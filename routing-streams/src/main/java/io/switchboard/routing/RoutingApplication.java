package io.switchboard.routing;

import io.switchboard.security.ServiceSecurityConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The routing engine: Kafka Streams routing of queued calls to agents, with health and metrics over HTTP. */
@SpringBootApplication
@Import(ServiceSecurityConfiguration.class)
@ConfigurationPropertiesScan
public class RoutingApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /** The application with its own configuration file, routing-streams.yml; used by main and by standalone. */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(RoutingApplication.class).properties("spring.config.name=routing-streams");
  }
}
