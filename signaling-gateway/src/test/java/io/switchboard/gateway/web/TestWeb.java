package io.switchboard.gateway.web;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.security.SecurityConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
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
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

/**
 * A WebFlux context without a server, for driving controllers with WebTestClient and no I/O, behind
 * the gateway's real security configuration; requests carry a mock JWT instead of a signed one.
 */
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
        .withUserConfiguration(ApiErrors.class, ErrorBodyAttributes.class, SecurityConfiguration.class)
        // Never fetched: the mock JWTs of these tests skip decoding.
        .withPropertyValues("switchboard.gateway.security.issuer-uri=http://issuer.invalid")
        .withBean(EventFactory.class, () -> new EventFactory(CLOCK, SOURCE));
  }

  /** A client whose requests come from {@code caller} (see {@link #caller}). */
  public static WebTestClient client(ApplicationContext context, WebTestClientConfigurer caller) {
    return anonymous(context).mutateWith(caller);
  }

  /** A client whose requests carry no token. */
  public static WebTestClient anonymous(ApplicationContext context) {
    return WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build();
  }

  /** An authenticated token of {@code tenant} for {@code subject}, with {@code roles} and (if not null) an agent id. */
  public static WebTestClientConfigurer caller(String tenant, String subject, String agentId, String... roles) {
    List<GrantedAuthority> authorities = Arrays.stream(roles)
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
    return mockJwt().jwt(jwt -> {
      jwt.subject(subject).claim("tenant", tenant).claim("roles", List.of(roles));
      if (agentId != null) {
        jwt.claim("agent_id", agentId);
      }
    }).authorities(authorities);
  }

  /** Agent {@code agentId} of {@code tenant}. */
  public static WebTestClientConfigurer agent(String tenant, String agentId) {
    return caller(tenant, "user-" + agentId, agentId, "agent");
  }

  /** Customer {@code subject} of {@code tenant}. */
  public static WebTestClientConfigurer customer(String tenant, String subject) {
    return caller(tenant, subject, null, "customer");
  }

  /** A user of {@code tenant} with the one {@code role} (supervisor, admin, …) and no agent id. */
  public static WebTestClientConfigurer as(String tenant, String role) {
    return caller(tenant, role + "-user", null, role);
  }
}
