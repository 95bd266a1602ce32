package io.switchboard.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Event loops and connection pools of the application's own, instead of Reactor Netty's global
 * ones. Tests start and stop several applications in one JVM: an application that closes disposes
 * the global resources, some seconds later, under whichever application is using them by then, whose
 * requests then hang. As the standalone stack does for its services.
 */
public final class OwnNettyResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
      ReactorResourceFactory resources = new ReactorResourceFactory();
      resources.setUseGlobalResources(false);
      return resources;
    });
  }
}
