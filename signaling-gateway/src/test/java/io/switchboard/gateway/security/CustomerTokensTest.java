package io.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class CustomerTokensTest {

  private static final String SECRET = "a-customer-token-secret-of-32-bytes!";
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final Set<String> active = new HashSet<>(Set.of("acme/wk_1"));
  private final CustomerKeys keys = new CustomerKeys() {
    @Override
    public Optional<CustomerKey> active(String tenant, String keyId) {
      return active.contains(tenant + "/" + keyId)
          ? Optional.of(new CustomerKey(tenant, keyId, Set.of("https://shop.example"), "sales")) : Optional.empty();
    }

    @Override
    public Set<String> allOrigins() {
      return Set.of("https://shop.example");
    }
  };
  private final CustomerTokens tokens = tokens(SECRET, CLOCK);
  private final CustomerKeys.CustomerKey key = keys.active("acme", "wk_1").orElseThrow();

  private CustomerTokens tokens(String secret, Clock clock) {
    return new CustomerTokens(new CustomerTokenProperties(secret, Duration.ofMinutes(15)), "switchboard",
        Duration.ofSeconds(60), keys, clock);
  }

  @Test
  void aMintedTokenVerifiesAsACustomerOfItsKeysTenant() {
    CustomerTokens.Minted minted = tokens.mint(key);

    Jwt jwt = tokens.decode(minted.token()).block();

    assertThat(minted.tenant()).isEqualTo("acme");
    assertThat(minted.customerId()).startsWith("customer-");
    assertThat(minted.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    assertThat(jwt.getSubject()).isEqualTo(minted.customerId());
    assertThat(jwt.getClaimAsString("iss")).isEqualTo(CustomerTokens.ISSUER);
    assertThat(jwt.getAudience()).containsExactly("switchboard");
    assertThat(jwt.getClaimAsStringList("roles")).containsExactly("customer");
    assertThat(jwt.getClaimAsString("tenant")).isEqualTo("acme");
    assertThat(jwt.getClaimAsString("wk")).isEqualTo("wk_1");
    assertThat(jwt.getClaimAsString("queue")).isEqualTo("sales");
    assertThat(jwt.getExpiresAt()).isEqualTo(minted.expiresAt());
    assertThat(CustomerTokens.claimsToBeOurs(minted.token())).isTrue();
    Caller caller = new CallerClaims(new SecurityProperties.Claims("tenant", "roles", "agent_id")).caller(jwt);
    assertThat(caller).isEqualTo(new Caller("acme", minted.customerId(), Set.of(Role.CUSTOMER), null,
        new Caller.Widget("wk_1", "sales")));
  }

  @Test
  void twoTokensAreTwoCustomers() {
    assertThat(tokens.mint(key).customerId()).isNotEqualTo(tokens.mint(key).customerId());
  }

  @Test
  void aTokenOfARevokedKeyIsRefused() {
    String token = tokens.mint(key).token();
    active.clear();

    assertRefused(token, "unknown or revoked");
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = tokens(SECRET, Clock.fixed(NOW.minus(Duration.ofMinutes(20)), ZoneOffset.UTC)).mint(key).token();

    assertRefused(token, "expired");
  }

  @Test
  void aTokenSignedWithTheSecretClaimingAnotherRoleIsRefused() {
    assertRefused(forged(SECRET, claims -> claims.claim("roles", List.of("admin"))), "role customer and no other");
    assertRefused(forged(SECRET, claims -> claims.claim("roles", List.of("customer", "admin"))),
        "role customer and no other");
    assertRefused(forged(SECRET, claims -> claims.claim("agent_id", "a1")), "names no agent");
    assertRefused(forged(SECRET, claims -> claims.subject("admin-user")), "subject starts with customer-");
    assertRefused(forged(SECRET, claims -> claims.claim("tenant", "no/such")), "tenant");
    assertRefused(forged(SECRET, claims -> claims.claim("wk", null)), "unknown or revoked");
    assertRefused(forged(SECRET, claims -> claims.claim("tenant", "globex")), "unknown or revoked");
    assertRefused(forged(SECRET, claims -> claims.audience("elsewhere")), "aud");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    String token = forged("another-secret-also-of-32-bytes-or-more", claims -> {});

    assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(BadJwtException.class);
  }

  @Test
  void withoutASecretNothingIsMintedNorAccepted() {
    CustomerTokens off = tokens(null, CLOCK);
    String token = tokens.mint(key).token();

    assertThat(off.enabled()).isFalse();
    assertThatThrownBy(() -> off.mint(key)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> off.decode(token).block()).isInstanceOf(BadJwtException.class)
        .hasMessageContaining("accepts no customer tokens");
  }

  @Test
  void onlyATokenNamingTheGatewayAsIssuerIsRoutedHere() {
    assertThat(CustomerTokens.claimsToBeOurs(forged(SECRET, claims -> claims.issuer("https://idp.example")))).isFalse();
    assertThat(CustomerTokens.claimsToBeOurs("not-a-jwt")).isFalse();
    assertThat(CustomerTokens.claimsToBeOurs(forged(SECRET, claims -> {}))).isTrue();
  }

  private void assertRefused(String token, String why) {
    assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class)
        .hasMessageContaining(why);
  }

  /** A token like a minted one, signed with {@code secret}, changed by {@code change}. */
  private static String forged(String secret, Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(CustomerTokens.ISSUER).audience("switchboard")
        .subject("customer-x").issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(600)))
        .claim("tenant", "acme").claim("roles", List.of("customer")).claim("wk", "wk_1");
    change.accept(claims);
    return Hs256.sign(secret, claims.build());
  }
}
