package io.switchboard.identity.user;

import io.switchboard.identity.token.TokenClaims;
import io.switchboard.identity.web.ApiException;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who calls the admin API, from their token: the tenant every request is scoped to, and their login. */
record Caller(String tenant, String username) {

  static Caller of(Jwt token) {
    String tenant = token.getClaimAsString(TokenClaims.TENANT);
    if (tenant == null) {
      throw ApiException.forbidden("The token carries no tenant");
    }
    return new Caller(tenant, token.getClaimAsString(TokenClaims.PREFERRED_USERNAME));
  }

  boolean is(String username) {
    return username.equalsIgnoreCase(this.username);
  }
}
