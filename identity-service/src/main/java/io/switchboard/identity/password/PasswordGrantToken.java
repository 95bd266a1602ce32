package io.switchboard.identity.password;

import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/** A password grant token request: the client (already authenticated), the username, password and scopes. */
public class PasswordGrantToken extends OAuth2AuthorizationGrantAuthenticationToken {

  private final String username;
  private final transient String password;
  private final Set<String> scopes;

  public PasswordGrantToken(Authentication client, String username, String password, Set<String> scopes,
      Map<String, Object> additionalParameters) {
    super(PasswordGrant.TYPE, client, additionalParameters);
    this.username = username;
    this.password = password;
    this.scopes = Set.copyOf(scopes);
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public Set<String> scopes() {
    return scopes;
  }
}
