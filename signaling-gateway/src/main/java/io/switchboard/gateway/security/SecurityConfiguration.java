package io.switchboard.gateway.security;

import io.switchboard.gateway.ui.UiClient;
import io.switchboard.gateway.web.ErrorResponses;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as an OAuth2 resource server: every request but the health probes needs a valid
 * access token from the configured issuer. Which role may do what is decided in the controllers
 * (docs/security.md); here only the routes no controller owns are guarded.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({SecurityProperties.class, BrowserProperties.class, CustomerTokenProperties.class})
public class SecurityConfiguration {

  /** The one state-changing route open without a token: the widget key's exchange for a customer token. */
  public static final String WIDGET_TOKEN_PATH = "/api/v1/widget/token";
  /** Where a customer trades its token, before it expires, for a fresh one of the same customer. */
  public static final String WIDGET_TOKEN_RENEW_PATH = "/api/v1/widget/token/renew";

  /**
   * What anyone may GET: the web UI's pages, scripts and styles, its sign-in settings, and the API's
   * documentation. What they show comes from the API, which stays behind tokens.
   */
  static final String[] PUBLIC_GETS = {"/", "/desk", "/desk/", "/wallboard", "/wallboard/", "/call", "/call/",
      "/admin", "/admin/", "/login/callback", "/ui-config", "/assets/**", "/favicon.ico",
      "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

  @Bean
  CallerClaims callerClaims(SecurityProperties properties) {
    return new CallerClaims(properties.claims());
  }

  @Bean
  CustomerTokens customerTokens(CustomerTokenProperties properties, SecurityProperties security,
      ObjectProvider<CustomerKeys> keys, ObjectProvider<Clock> clock) {
    return new CustomerTokens(properties, security.audience(), security.clockSkew(),
        keys.getIfAvailable(() -> CustomerKeys.NONE), clock.getIfAvailable(Clock::systemUTC));
  }

  /** A customer token's requests come from its own key's origins. */
  @Bean
  CustomerOrigins customerOrigins(ObjectProvider<CustomerKeys> keys, CallerClaims callerClaims, JsonMapper json) {
    return new CustomerOrigins(keys.getIfAvailable(() -> CustomerKeys.NONE), callerClaims, new ErrorResponses(json));
  }

  /**
   * The issuer's tokens and the gateway's own customer tokens, told apart by their unverified
   * {@code iss}; each is then verified by its own decoder only (keys, algorithm, claims).
   */
  @Bean
  ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, CallerClaims callerClaims, CustomerTokens customers) {
    ReactiveJwtDecoder external = issuerDecoder(properties, callerClaims);
    return token -> CustomerTokens.claimsToBeOurs(token) ? customers.decode(token) : external.decode(token);
  }

  private static ReactiveJwtDecoder issuerDecoder(SecurityProperties properties, CallerClaims callerClaims) {
    NimbusReactiveJwtDecoder decoder = properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()
        ? NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
        // Discovery happens on the first token, so the gateway may start before its issuer.
        : NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
    decoder.setJwtValidator(validator(properties, callerClaims));
    // An unreachable issuer fails as a plain exception (a 500): as a JwtException it is the 503 of SecurityErrors.
    return token -> decoder.decode(token).onErrorMap(error -> !(error instanceof JwtException),
        error -> new JwtException("Cannot check the token: " + error.getMessage(), error));
  }

  /** Expiry (with skew), issuer, audience, then the claims a {@link Caller} needs. */
  static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties, CallerClaims callerClaims) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtTimestampValidator(properties.clockSkew()));
    if (properties.issuerUri() != null && !properties.issuerUri().isBlank()) {
      validators.add(new JwtIssuerValidator(properties.issuerUri()));
    }
    validators.add(new JwtAudienceValidator(properties.audience()));
    validators.add(callerClaims);
    return new DelegatingOAuth2TokenValidator<>(validators);
  }

  @Bean
  SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
      CallerClaims callerClaims, JsonMapper json, BrowserProperties browser, ObjectProvider<CustomerKeys> keys,
      ObjectProvider<UiClient> ui) {
    SecurityErrors errors = new SecurityErrors(json);
    CorsCheck cors = new CorsCheck(BrowserPolicy.cors(browser.cors(), keys.getIfAvailable(() -> CustomerKeys.NONE)),
        new ErrorResponses(json));
    JwtAuthenticationConverter authorities = new JwtAuthenticationConverter();
    authorities.setJwtGrantedAuthoritiesConverter(jwt -> callerClaims.roles(jwt).stream()
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.claimValue()))
        .toList());
    return http
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .cors(ServerHttpSecurity.CorsSpec::disable)
        .addFilterAt(cors, SecurityWebFiltersOrder.CORS)
        .headers(headers -> BrowserPolicy.headers(headers, browser.headers(),
            ui.getIfAvailable(() -> new UiClient("", "", "", "")).issuerOrigin()))
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .authorizeExchange(exchanges -> exchanges
            .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
            .pathMatchers("/actuator/**").hasAnyRole(Role.ADMIN.claimValue(), Role.SERVICE.claimValue())
            // The WebSocket is an agent's desk, a customer's call page or a supervisor's wallboard; others
            // are refused before the upgrade.
            .pathMatchers("/ws").hasAnyRole(Role.AGENT.claimValue(), Role.CUSTOMER.claimValue(),
                Role.SUPERVISOR.claimValue(), Role.ADMIN.claimValue())
            // A widget's page trades its public key for a customer token: it has no token yet.
            .pathMatchers(HttpMethod.POST, WIDGET_TOKEN_PATH).permitAll()
            .pathMatchers(HttpMethod.GET, PUBLIC_GETS).permitAll()
            .anyExchange().authenticated())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .bearerTokenConverter(new BearerTokens())
            .authenticationEntryPoint(errors)
            .accessDeniedHandler(errors)
            .authenticationFailureHandler(errors)
            .jwt(jwt -> jwt.jwtDecoder(decoder)
                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authorities))))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .build();
  }

  @Bean
  WebFluxConfigurer callerArguments(CallerClaims callerClaims) {
    return new WebFluxConfigurer() {
      @Override
      public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CallerArgumentResolver(callerClaims));
      }
    };
  }
}
