package io.switchboard.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.gateway.web.TestWeb;
import java.util.Date;
import org.junit.jupiter.api.Test;

class SecurityErrorsTest {

  @Test
  void aTokenThatCannotBeCheckedBecauseTheIssuerIsDownIs503NotA401() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        new JWTClaimsSet.Builder().issuer("http://127.0.0.1:9").subject("u1").audience("switchboard")
            .expirationTime(new Date(System.currentTimeMillis() + 60_000)).claim("tenant", "acme").build());
    jwt.sign(new RSASSASigner(key));

    // Port 9 (discard) refuses connections: the keys cannot be fetched.
    TestWeb.runner().withPropertyValues("switchboard.gateway.security.jwk-set-uri=http://127.0.0.1:9/jwks")
        .run(context -> TestWeb.anonymous(context).get().uri("/api/v1/queues")
            .headers(headers -> headers.setBearerAuth(jwt.serialize()))
            .exchange()
            .expectStatus().isEqualTo(503)
            .expectBody()
            .jsonPath("$.status").isEqualTo(503)
            .jsonPath("$.message").isEqualTo("The access token cannot be checked now: the token issuer is unreachable"));
  }
}
