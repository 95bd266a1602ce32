package io.switchboard.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.gateway.web.RequestIds;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The tokens the gateway signs itself for customers without an account: HS256 with
 * {@link CustomerTokenProperties#secret}, issuer {@value #ISSUER}, the configured audience, subject
 * {@code customer-<uuid>}, the tenant and widget key they were made for, and role customer only. One
 * is accepted only while its widget key is active, and never with any other role.
 */
public final class CustomerTokens {

  /** The {@code iss} of customer tokens; the external issuer is always an http(s) URL, so never this. */
  public static final String ISSUER = "switchboard-gateway";
  /** The claim naming the widget key a token was made for. */
  public static final String KEY_CLAIM = "wk";
  /** The claim naming the queue of the key, when it has one. */
  public static final String QUEUE_CLAIM = "queue";
  static final String TENANT_CLAIM = "tenant";
  static final String ROLES_CLAIM = "roles";
  static final String SUBJECT_PREFIX = "customer-";

  private final CustomerTokenProperties properties;
  private final String audience;
  private final Clock clock;
  private final MACSigner signer;
  private final NimbusReactiveJwtDecoder decoder;

  public CustomerTokens(CustomerTokenProperties properties, String audience, Duration clockSkew, CustomerKeys keys,
      Clock clock) {
    this.properties = properties;
    this.audience = audience;
    this.clock = clock;
    if (properties.enabled()) {
      byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
      SecretKey key = new SecretKeySpec(secret, "HmacSHA256");
      try {
        this.signer = new MACSigner(key);
      } catch (JOSEException e) {
        throw new IllegalArgumentException("switchboard.gateway.customer-tokens.secret: " + e.getMessage(), e);
      }
      this.decoder = NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
      JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
      timestamps.setClock(clock);
      decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps,
          new JwtIssuerValidator(ISSUER), new JwtAudienceValidator(audience), new ClaimsCheck(keys))));
    } else {
      this.signer = null;
      this.decoder = null;
    }
  }

  /** Whether this gateway mints and accepts customer tokens (a secret is configured). */
  public boolean enabled() {
    return signer != null;
  }

  /** A new customer of {@code key}'s tenant and its token. */
  public Minted mint(CustomerKeys.CustomerKey key) {
    return sign(key, SUBJECT_PREFIX + UUID.randomUUID());
  }

  /**
   * A fresh token for a customer that holds one, before it expires: the same subject (so its calls stay
   * its own) and key, a new expiry.
   */
  public Minted renew(CustomerKeys.CustomerKey key, String customerId) {
    if (customerId == null || !customerId.startsWith(SUBJECT_PREFIX)) {
      throw new IllegalArgumentException("Not a customer subject: " + customerId);
    }
    return sign(key, customerId);
  }

  private Minted sign(CustomerKeys.CustomerKey key, String customerId) {
    if (!enabled()) {
      throw new IllegalStateException("Customer tokens are off: no switchboard.gateway.customer-tokens.secret");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(properties.ttl());
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(audience)
        .subject(customerId)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(expiresAt))
        .jwtID(UUID.randomUUID().toString())
        .claim(TENANT_CLAIM, key.tenant())
        .claim(ROLES_CLAIM, List.of(Role.CUSTOMER.claimValue()))
        .claim(KEY_CLAIM, key.id());
    if (key.queue() != null) {
      claims.claim(QUEUE_CLAIM, key.queue());
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
        claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a customer token: " + e.getMessage(), e);
    }
    return new Minted(jwt.serialize(), expiresAt, key.tenant(), customerId);
  }

  /** Verifies a token that names {@link #ISSUER}: signature, expiry, audience, its claims and its key. */
  Mono<Jwt> decode(String token) {
    if (!enabled()) {
      return Mono.error(new BadJwtException("This gateway accepts no customer tokens (no customer token secret)"));
    }
    return decoder.decode(token);
  }

  /** Whether an (unverified) token says it is a customer token; anything unreadable is left to the issuer's decoder. */
  static boolean claimsToBeOurs(String token) {
    try {
      return ISSUER.equals(JWTParser.parse(token).getJWTClaimsSet().getIssuer());
    } catch (ParseException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a verified token is a customer token of this gateway. */
  public static boolean isCustomerToken(Jwt jwt) {
    return ISSUER.equals(jwt.getClaimAsString("iss"));
  }

  /**
   * A minted token.
   *
   * @param token the JWT
   * @param expiresAt its {@code exp}
   * @param tenant the tenant of its key
   * @param customerId its subject, the customer id of the calls it makes
   */
  public record Minted(String token, Instant expiresAt, String tenant, String customerId) {}

  /** Role customer only, a customer subject, a valid tenant, and a widget key of that tenant that is active now. */
  private record ClaimsCheck(CustomerKeys keys) implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
      String tenant = jwt.getClaimAsString(TENANT_CLAIM);
      if (tenant == null || !RequestIds.isValidTenant(tenant)) {
        return invalid("A customer token needs a tenant matching " + RequestIds.TENANT_PATTERN);
      }
      if (jwt.getSubject() == null || !jwt.getSubject().startsWith(SUBJECT_PREFIX)) {
        return invalid("A customer token's subject starts with " + SUBJECT_PREFIX);
      }
      if (!List.of(Role.CUSTOMER.claimValue()).equals(jwt.getClaim(ROLES_CLAIM))) {
        return invalid("A customer token carries the role customer and no other");
      }
      if (jwt.getClaim("agent_id") != null) {
        return invalid("A customer token names no agent");
      }
      String keyId = jwt.getClaimAsString(KEY_CLAIM);
      if (keyId == null || keys.active(tenant, keyId).isEmpty()) {
        return invalid("The widget key of this customer token is unknown or revoked");
      }
      return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
      return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
  }
}
