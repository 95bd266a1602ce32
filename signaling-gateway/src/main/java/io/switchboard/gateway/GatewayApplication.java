package io.switchboard.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The signaling gateway: REST and WebSocket for web clients, in front of the Kafka topics.
 *
 * <p>Its defaults live in {@code signaling-gateway.yml} (not {@code application.yml}) so that the
 * standalone process can run it next to the other services on one classpath.
 */
@SpringBootApplication
public class GatewayApplication {

  /** The gateway with its own configuration file name; used by {@link #main} and by standalone. */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .properties("spring.config.name=signaling-gateway");
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
