package io.switchboard.identity;

import io.switchboard.identity.apikey.ApiKeyUse;
import io.switchboard.identity.client.ClientProperties;
import io.switchboard.identity.client.PublicClientAuthentication;
import io.switchboard.identity.login.AttemptLimiter;
import io.switchboard.identity.login.LoginThrottle;
import io.switchboard.identity.password.PasswordGrant;
import io.switchboard.identity.password.PasswordGrantConverter;
import io.switchboard.identity.password.PasswordGrantProvider;
import io.switchboard.identity.token.TokenClaims;
import io.switchboard.identity.user.RoleRefusals;
import io.switchboard.identity.user.UserStore;
import io.switchboard.identity.web.SecurityErrors;
import java.util.List;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three filter chains: the authorization server's endpoints, the admin API (a resource server for
 * this issuer's own tokens), and the form login with everything else.
 */
@Configuration(proxyBeanMethods = false)
class SecurityChains {

  static final String LOGIN = "/login";
  private static final Set<AuthorizationGrantType> PUBLIC_CLIENT_GRANTS =
      Set.of(PasswordGrant.TYPE, AuthorizationGrantType.REFRESH_TOKEN);

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients,
      OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<?> tokens, UserStore users,
      PasswordEncoder passwords, LoginThrottle throttle, ClientProperties clientProperties, ApiKeyUse apiKeyUse)
      throws Exception {
    boolean passwordGrant = clientProperties.cli().passwordGrant();
    http.oauth2AuthorizationServer(server -> {
      http.securityMatcher(server.getEndpointsMatcher());
      // Discovery says the password grant is there only while the CLI may use it.
      server.oidc(oidc -> oidc.providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(
          metadata -> metadata.grantTypes(grants -> advertise(grants, passwordGrant)))));
      server.authorizationServerMetadataEndpoint(discovery -> discovery.authorizationServerMetadataCustomizer(
          metadata -> metadata.grantTypes(grants -> advertise(grants, passwordGrant))));
      server.clientAuthentication(client -> client
          .authenticationConverter(PublicClientAuthentication.converter(PUBLIC_CLIENT_GRANTS))
          .authenticationProvider(PublicClientAuthentication.provider(clients, PUBLIC_CLIENT_GRANTS)));
      server.tokenEndpoint(token -> token
          .accessTokenRequestConverter(new PasswordGrantConverter())
          .authenticationProvider(new PasswordGrantProvider(users::findByUsername, passwords, authorizations, tokens))
          .accessTokenResponseHandler(apiKeyUse.recording(new OAuth2AccessTokenResponseAuthenticationSuccessHandler()))
          .errorResponseHandler(throttle.counting(new OAuth2ErrorAuthenticationFailureHandler())));
    });
    http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
    // The web UI's pages trade their code for tokens from the gateway's origin.
    http.cors(Customizer.withDefaults());
    // The OIDC user-info endpoint takes this issuer's access tokens.
    http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
    http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
        new LoginUrlAuthenticationEntryPoint(LOGIN), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain adminApi(HttpSecurity http, SecurityErrors errors, RoleRefusals refusals) throws Exception {
    JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
    roles.setAuthoritiesClaimName(TokenClaims.ROLES);
    roles.setAuthorityPrefix("ROLE_");
    JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
    authentication.setJwtGrantedAuthoritiesConverter(roles);
    http.securityMatcher("/api/**")
        .cors(Customizer.withDefaults())
        .authorizeHttpRequests(authorize -> authorize.anyRequest().hasRole("admin"))
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
            .authenticationEntryPoint(errors.unauthenticated())
            .accessDeniedHandler(refusals.auditing(errors)))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(errors.unauthenticated())
            .accessDeniedHandler(refusals.auditing(errors)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Bearer tokens only, no cookies: nothing for a cross-site request to ride on.
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain formLogin(HttpSecurity http, LoginThrottle throttle) throws Exception {
    http.authorizeHttpRequests(authorize -> authorize
            .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .anyRequest().authenticated())
        .formLogin(form -> form.withObjectPostProcessor(countingFailures(throttle)));
    return http.build();
  }

  private static void advertise(List<String> grants, boolean passwordGrant) {
    if (passwordGrant) {
      grants.add(PasswordGrant.TYPE.getValue());
    }
  }

  /**
   * Swaps the form login's failure handler on the filter itself: one set through the configurer
   * would leave the default login page without its error URL, and the user without "Invalid credentials".
   */
  private static ObjectPostProcessor<UsernamePasswordAuthenticationFilter> countingFailures(LoginThrottle throttle) {
    return new ObjectPostProcessor<>() {
      @Override
      public <O extends UsernamePasswordAuthenticationFilter> O postProcess(O filter) {
        filter.setAuthenticationFailureHandler(
            throttle.counting(new SimpleUrlAuthenticationFailureHandler(LOGIN + "?error")));
        return filter;
      }
    };
  }

  /**
   * Cross-origin requests from the web UI's origins ({@code clients.web.allowed-origins}) to the
   * token endpoint and the admin API; none without them. Bearer tokens, never cookies: no credentials.
   */
  @Bean
  CorsConfigurationSource corsConfigurationSource(ClientProperties clients) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    List<String> origins = clients.web().allowedOrigins();
    if (!origins.isEmpty()) {
      CorsConfiguration cors = new CorsConfiguration();
      cors.setAllowedOrigins(origins);
      cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
      cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
      cors.setExposedHeaders(List.of("Location", "Retry-After"));
      cors.setAllowCredentials(false);
      cors.setMaxAge(1800L);
      source.registerCorsConfiguration("/oauth2/token", cors);
      source.registerCorsConfiguration("/api/**", cors);
    }
    return source;
  }

  @Bean
  SecurityErrors securityErrors(JsonMapper json) {
    return new SecurityErrors(json);
  }

  @Bean
  LoginThrottle loginThrottle(AttemptLimiter limiter, AuthorizationServerSettings settings) {
    return new LoginThrottle(limiter, LOGIN, settings.getTokenEndpoint());
  }

  /** The throttle runs ahead of Spring Security, so a refused login costs no password hash. */
  @Bean
  FilterRegistrationBean<LoginThrottle> loginThrottleRegistration(LoginThrottle throttle) {
    FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(throttle);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
