package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestIssuerIT {

  private final TestIssuer issuer = TestIssuer.shared();

  @Test
  void discoveryNamesTheIssuerAndItsKeySet() throws Exception {
    Map<String, Object> doc = JSONObjectUtils.parse(get(issuer.issuerUri() + "/.well-known/openid-configuration"));

    assertThat(doc).containsEntry("issuer", issuer.issuerUri()).containsEntry("jwks_uri", issuer.jwkSetUri());
    assertThat(TestIssuer.shared()).isSameAs(issuer);
  }

  @Test
  void aTokenVerifiesWithThePublishedKeyAndCarriesTheClaims() throws Exception {
    SignedJWT jwt = SignedJWT.parse(issuer.agentToken("acme", "a1"));

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.verify(new RSASSAVerifier(publishedKey()))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(issuer.issuerUri());
    assertThat(claims.getAudience()).containsExactly(TestIssuer.AUDIENCE);
    assertThat(claims.getStringClaim("tenant")).isEqualTo("acme");
    assertThat(claims.getStringListClaim("roles")).containsExactly("agent");
    assertThat(claims.getStringClaim("agent_id")).isEqualTo("a1");
    assertThat(claims.getExpirationTime()).isAfter(new Date());
  }

  @Test
  void badTokensAreBadInExactlyOneWay() throws Exception {
    RSAKey published = publishedKey();

    assertThat(SignedJWT.parse(issuer.forged("acme", "u1", "admin")).verify(new RSASSAVerifier(published))).isFalse();
    SignedJWT expired = SignedJWT.parse(issuer.expired("acme", "u1", "admin"));
    assertThat(expired.verify(new RSASSAVerifier(published))).isTrue();
    assertThat(expired.getJWTClaimsSet().getExpirationTime()).isBefore(new Date());
    assertThat(JWTParser.parse(issuer.unsigned("acme", "u1", "admin"))).isInstanceOf(PlainJWT.class);
    assertThat(issuer.unsigned("acme", "u1", "admin")).endsWith(".");
    assertThat(claims(issuer.withoutTenant("u1", "admin")).getClaims()).doesNotContainKey("tenant");
    assertThat(claims(issuer.forAudience("elsewhere", "acme", "u1", "admin")).getAudience()).containsExactly("elsewhere");
    assertThat(claims(issuer.fromIssuer("http://evil.example", "acme", "u1", "admin")).getIssuer())
        .isEqualTo("http://evil.example");
    assertThat(claims(issuer.token("acme", "u1", c -> c.claim("tenant", "other"), "customer"))
        .getStringClaim("tenant")).isEqualTo("other");
  }

  private RSAKey publishedKey() throws Exception {
    return JWKSet.parse(get(issuer.jwkSetUri())).getKeys().get(0).toRSAKey();
  }

  private static JWTClaimsSet claims(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet();
  }

  private static String get(String uri) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
