package io.switchboard.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request needs a service credential, a JWT from the deployment's issuer with the role
 * {@code service}; only health (with its liveness and readiness groups) is open, without details.
 * The other actuator endpoints also take the role {@code admin}. Anything a service maps later is
 * closed unless opened here on purpose.
 *
 * <p>A service imports it ({@code @Import(ServiceSecurityConfiguration.class)}) on its application
 * class. The {@code X-Tenant-Id} header of a request to call-state or routing is trusted only
 * because of this: the caller is an authenticated service (the gateway, which takes the tenant from
 * its own caller's token), never a client.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(ServiceSecurityProperties.class)
public class ServiceSecurityConfiguration {

  static final String SERVICE = "service";
  static final String ADMIN = "admin";

  @Bean
  SecurityWebFilterChain serviceCredentials(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
      ServiceSecurityProperties properties, JsonMapper json) {
    AuthErrors errors = new AuthErrors(json);
    JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
    roles.setJwtGrantedAuthoritiesConverter(new RoleClaims(properties.rolesClaim()));
    ReactiveJwtAuthenticationConverterAdapter authentication = new ReactiveJwtAuthenticationConverterAdapter(roles);
    return http
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .authorizeExchange(exchanges -> exchanges
            .matchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
            .matchers(EndpointRequest.toAnyEndpoint()).hasAnyRole(SERVICE, ADMIN)
            .anyExchange().hasRole(SERVICE))
        .oauth2ResourceServer(server -> server
            .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(authentication))
            .authenticationEntryPoint(errors)
            .accessDeniedHandler(errors))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .build();
  }

  /**
   * Checks signature, expiry (required), issuer when configured, and audience. Keys come from
   * {@code jwk-set-uri}, or from the issuer's discovery document, looked up at the first request so
   * that the service starts before its issuer does.
   */
  @Bean
  ReactiveJwtDecoder jwtDecoder(ServiceSecurityProperties properties) {
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setAllowEmptyExpiryClaim(false);
    List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>(List.of(timestamps,
        new JwtAudienceValidator(properties.audience())));
    if (properties.hasIssuer()) {
      checks.add(new JwtIssuerValidator(properties.issuerUri()));
    }
    // Any typ: RFC 9068 access tokens say at+jwt, others JWT or nothing.
    NimbusReactiveJwtDecoder decoder = (properties.hasJwkSet()
        ? NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
        : NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuerUri()))
        .validateType(false)
        .build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(checks));
    return decoder;
  }
}
