package io.switchboard.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.switchboard.identity.apikey.ApiKeyClients;
import io.switchboard.identity.apikey.ApiKeyStore;
import io.switchboard.identity.client.ClientProperties;
import io.switchboard.identity.client.Clients;
import io.switchboard.identity.client.LiveClientAuthorizations;
import io.switchboard.identity.firststart.BootstrapProperties;
import io.switchboard.identity.firststart.InitialAdmin;
import io.switchboard.identity.login.AttemptLimiter;
import io.switchboard.identity.login.LoginLimitProperties;
import io.switchboard.identity.token.RefreshTokens;
import io.switchboard.identity.token.SigningKeys;
import io.switchboard.identity.token.TokenClaims;
import io.switchboard.identity.token.TokenProperties;
import io.switchboard.identity.user.UserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.transaction.support.TransactionTemplate;

/** The issuer's parts: clients, signing keys, token making, storage of authorizations, first start. */
@Configuration(proxyBeanMethods = false)
class IssuerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** BCrypt for new hashes; the {@code {id}} prefix leaves room to move to another algorithm later. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(TokenProperties tokens) {
    return AuthorizationServerSettings.builder().issuer(tokens.issuer().toString()).build();
  }

  /** The configured clients, then the API keys (read from the database at each look-up: revocation is immediate). */
  @Bean
  RegisteredClientRepository registeredClients(ClientProperties clients, TokenProperties tokens,
      PasswordEncoder encoder, ApiKeyStore apiKeys) {
    return new ApiKeyClients(Clients.repository(clients, tokens, encoder), apiKeys, tokens);
  }

  @Bean
  JWKSet signingKeys(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    return SigningKeys.load(jdbc, transactions, clock);
  }

  /** Every stored key, for the JWKS and for checking tokens (the admin API's own). */
  @Bean
  JWKSource<SecurityContext> jwkSource(JWKSet signingKeys) {
    return new ImmutableJWKSet<>(signingKeys);
  }

  /** Signs with the newest key only. */
  @Bean
  JwtEncoder jwtEncoder(JWKSet signingKeys) {
    return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKeys.getKeys().get(0))));
  }

  /** Checks this issuer's tokens without a network round trip: its keys, its issuer, its audience. */
  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, TokenProperties tokens) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(tokens.issuer().toString()),
        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
            audience -> audience != null && audience.contains(tokens.audience()))));
    return decoder;
  }

  @Bean
  OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, UserStore users, TokenProperties tokens, Clock clock) {
    JwtGenerator jwts = new JwtGenerator(encoder);
    jwts.setJwtCustomizer(new TokenClaims(users::findByUsername, tokens.audience()));
    jwts.setClock(clock);
    return new DelegatingOAuth2TokenGenerator(jwts, new RefreshTokens(clock));
  }

  @Bean
  OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
    return new LiveClientAuthorizations(new JdbcOAuth2AuthorizationService(jdbc, clients));
  }

  @Bean
  OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
      RegisteredClientRepository clients) {
    return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
  }

  /** The first admin, made here on the first start; the standalone reads its password from this bean. */
  @Bean
  InitialAdmin initialAdmin(UserStore users, PasswordEncoder encoder, BootstrapProperties bootstrap) {
    return InitialAdmin.ensure(users, encoder, bootstrap, new SecureRandom());
  }

  @Bean
  AttemptLimiter loginLimiter(LoginLimitProperties limits, Clock clock) {
    return new AttemptLimiter(limits, clock);
  }
}
