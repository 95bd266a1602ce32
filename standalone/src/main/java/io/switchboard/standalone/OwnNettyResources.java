package io.switchboard.standalone;

import java.time.Duration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives a service context its own Reactor Netty event loops. By default every WebFlux context in a
 * JVM shares Reactor's global loops and disposes them when it closes, which would take down the HTTP
 * servers and clients of the other services still running in this process.
 */
final class OwnNettyResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
      ReactorResourceFactory factory = new ReactorResourceFactory();
      factory.setUseGlobalResources(false);
      // The HTTP server has already drained its requests when the loops stop; no need to linger.
      factory.setShutdownQuietPeriod(Duration.ZERO);
      return factory;
    });
  }
}
