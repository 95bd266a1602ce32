package io.switchboard.gateway.web;

import io.switchboard.gateway.events.EventFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A WebFlux context without a server, for driving controllers with WebTestClient and no I/O. */
public final class TestWeb {

  public static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  public static final String SOURCE = "gateway-test";

  private TestWeb() {}

  public static ReactiveWebApplicationContextRunner runner() {
    return new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
            JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, ValidationAutoConfiguration.class,
            WebFluxAutoConfiguration.class, HttpHandlerAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class))
        .withUserConfiguration(ApiErrors.class, ErrorBodyAttributes.class)
        .withBean(EventFactory.class, () -> new EventFactory(CLOCK, SOURCE));
  }

  public static WebTestClient client(ApplicationContext context) {
    return WebTestClient.bindToApplicationContext(context).build();
  }
}
