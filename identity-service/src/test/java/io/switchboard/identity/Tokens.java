package io.switchboard.identity;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Getting tokens from the issuer over HTTP, and checking them against its JWKS. */
final class Tokens {

  private Tokens() {}

  static HttpResponse<String> passwordGrant(Http http, String username, String password) {
    return http.postForm("/oauth2/token", Map.of("grant_type", "password", "client_id", "switchboard-cli",
        "username", username, "password", password));
  }

  /** An access token for a login, by the password grant; fails the test if there is none. */
  static String accessToken(Http http, String username, String password) {
    return ok(passwordGrant(http, username, password)).get("access_token").toString();
  }

  static HttpResponse<String> clientCredentials(Http http, String clientId, String secret) {
    String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return http.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
        "Authorization", "Basic " + basic);
  }

  static Map<String, Object> ok(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError("Token request answered " + response.statusCode() + ": " + response.body());
    }
    return Http.json(response.body());
  }

  /** The token's claims, after its RS256 signature is checked against the key the JWKS names. */
  static JWTClaimsSet verified(Http http, String token) {
    try {
      JWKSet keys = JWKSet.parse(http.get("/oauth2/jwks").body());
      SignedJWT jwt = SignedJWT.parse(token);
      if (!"RS256".equals(jwt.getHeader().getAlgorithm().getName())) {
        throw new AssertionError("Signed with " + jwt.getHeader().getAlgorithm());
      }
      RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
      if (key == null || !jwt.verify(new RSASSAVerifier(key))) {
        throw new AssertionError("The token does not verify against the served JWKS");
      }
      return jwt.getJWTClaimsSet();
    } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
      throw new AssertionError("Cannot check the token", e);
    }
  }
}
