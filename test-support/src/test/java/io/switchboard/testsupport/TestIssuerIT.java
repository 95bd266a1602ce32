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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestIssuerIT {

  private final TestIssuer issuer = TestIssuer.shared();

  @Test
  void discoveryNamesTheIssuerAndItsKeySet() throws Exception {
    Map<String, Object> doc = JSONObjectUtils.parse(get(issuer.issuerUri() + "/.well-known/openid-configuration"));

    assertThat(doc).containsEntry("issuer", issuer.issuerUri()).containsEntry("jwks_uri", issuer.jwkSetUri())
        .containsEntry("token_endpoint", issuer.tokenUri());
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

  @Test
  void theTokenEndpointGivesARegisteredClientAServiceTokenWithBasicOrFormCredentials() throws Exception {
    issuer.registerClient("it-gateway", "s3cret:+/");
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        ("it-gateway:" + URLEncoder.encode("s3cret:+/", StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> byBasic = post("grant_type=client_credentials&scope=calls", basic);
    HttpResponse<String> byForm = post("grant_type=client_credentials&client_id=it-gateway&client_secret="
        + URLEncoder.encode("s3cret:+/", StandardCharsets.UTF_8), null);

    for (HttpResponse<String> response : List.of(byBasic, byForm)) {
      assertThat(response.statusCode()).isEqualTo(200);
      Map<String, Object> body = JSONObjectUtils.parse(response.body());
      assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 600L);
      SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
      assertThat(jwt.verify(new RSASSAVerifier(publishedKey()))).isTrue();
      assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("it-gateway");
      assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("service");
      assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKey("tenant");
    }
    assertThat(JSONObjectUtils.parse(byBasic.body())).containsEntry("scope", "calls");
    assertThat(issuer.tokensIssued("it-gateway")).isEqualTo(2);
    assertThat(claims(issuer.serviceToken("it-routing")).getStringListClaim("roles")).containsExactly("service");
  }

  @Test
  void theTokenEndpointRefusesAWrongSecretAnUnknownClientAndOtherGrants() throws Exception {
    issuer.registerClient("it-refused", "right", Duration.ofSeconds(30), "reporting");

    HttpResponse<String> wrongSecret =
        post("grant_type=client_credentials&client_id=it-refused&client_secret=wrong", null);
    HttpResponse<String> unknown = post("grant_type=client_credentials&client_id=nobody&client_secret=right", null);
    HttpResponse<String> password = post("grant_type=password&client_id=it-refused&client_secret=right", null);
    HttpResponse<String> granted = post("grant_type=client_credentials&client_id=it-refused&client_secret=right", null);

    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(JSONObjectUtils.parse(wrongSecret.body())).containsEntry("error", "invalid_client");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(password.statusCode()).isEqualTo(400);
    assertThat(JSONObjectUtils.parse(password.body())).containsEntry("error", "unsupported_grant_type");
    Map<String, Object> body = JSONObjectUtils.parse(granted.body());
    assertThat(body).containsEntry("expires_in", 30L);
    assertThat(claims((String) body.get("access_token")).getStringListClaim("roles")).containsExactly("reporting");
    assertThat(issuer.tokensIssued("it-refused")).isEqualTo(1);
  }

  private HttpResponse<String> post(String form, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
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
