package io.switchboard.callstate;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The call-state service: projects the event topics into PostgreSQL and serves the call views. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CallStateApplication {

  /** The application with its own config name, so that it can share a classpath with the other services. */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(CallStateApplication.class).properties("spring.config.name=call-state-service");
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
