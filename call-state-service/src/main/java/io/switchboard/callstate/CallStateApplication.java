package io.switchboard.callstate;

import io.switchboard.callstate.replay.ReplayCommand;
import io.switchboard.security.ServiceSecurityConfiguration;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The call-state service: projects the event topics into PostgreSQL and serves the call views. */
@SpringBootApplication
@Import(ServiceSecurityConfiguration.class)
@ConfigurationPropertiesScan
public class CallStateApplication {

  /** The application with its own config name, so that it can share a classpath with the other services. */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(CallStateApplication.class).properties("spring.config.name=call-state-service");
  }

  /** Runs the service, or with {@code replay} as the first argument, the replay command against a running one. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("replay")) {
      System.exit(ReplayCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
    }
    application().run(args);
  }
}
