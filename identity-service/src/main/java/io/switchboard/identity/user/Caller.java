package io.switchboard.identity.user;

import io.switchboard.identity.client.Clients;
import io.switchboard.identity.token.TokenClaims;
import io.switchboard.identity.web.ApiException;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who calls the admin API, from their token: the tenant every request is scoped to, their login,
 * and what the audit records of them (subject, roles, agent id). An API key's token has no login:
 * its subject is the key's client id.
 */
public record Caller(String tenant, String username, String subject, List<String> roles, String agentId) {

  public static Caller of(Jwt token) {
    String tenant = token.getClaimAsString(TokenClaims.TENANT);
    if (tenant == null) {
      throw ApiException.forbidden("The token carries no tenant");
    }
    List<String> roles = token.getClaimAsStringList(TokenClaims.ROLES);
    return new Caller(tenant, token.getClaimAsString(TokenClaims.PREFERRED_USERNAME), token.getSubject(),
        roles == null ? List.of() : roles, token.getClaimAsString(TokenClaims.AGENT_ID));
  }

  boolean is(String username) {
    return username.equalsIgnoreCase(this.username);
  }

  /** Whether the caller is an API key rather than a login. */
  public boolean apiKey() {
    return username == null && Clients.isApiKey(subject);
  }
}
