package io.switchboard.identity.token;

import io.switchboard.identity.user.UserAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The Switchboard claims of every token: a user's {@code sub} (its id), {@code tenant}, {@code roles},
 * {@code agent_id} and {@code preferred_username}, read from the store when the token is made (so a
 * refresh picks up changed roles, and a disabled user gets no new token); a service client's
 * {@code roles: ["service"]} and no tenant; a client registered for a tenant (an API key) that
 * tenant and its roles, never {@code service}.
 */
public class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  public static final String TENANT = "tenant";
  public static final String ROLES = "roles";
  public static final String AGENT_ID = "agent_id";
  public static final String PREFERRED_USERNAME = "preferred_username";
  public static final String SERVICE_ROLE = "service";
  /** A registered client's setting: the tenant its tokens carry (API keys). A client without it is a service. */
  public static final String CLIENT_TENANT = "switchboard.client.tenant";
  /** A registered client's setting, with {@link #CLIENT_TENANT}: the roles its tokens carry (a list of claims). */
  public static final String CLIENT_ROLES = "switchboard.client.roles";

  private final Function<String, Optional<UserAccount>> users;
  private final String audience;

  /** With {@code users} finding a login by username (in any tenant). */
  public TokenClaims(Function<String, Optional<UserAccount>> users, String audience) {
    this.users = users;
    this.audience = audience;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
    boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
    if (!accessToken && !idToken) {
      return;
    }
    JwtClaimsSet.Builder claims = context.getClaims();
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      forClient(context.getRegisteredClient(), claims);
    } else {
      UserAccount user = enabledUser(context.getPrincipal().getName());
      forUser(user, claims);
    }
    if (accessToken) {
      claims.audience(mutable(List.of(audience)));
    }
  }

  /**
   * Writes a client's claims: a service's role, or the tenant and roles a tenant's client was registered
   * with; such a token ends no later than the client's secret.
   */
  static void forClient(RegisteredClient client, JwtClaimsSet.Builder claims) {
    String tenant = client.getClientSettings().getSetting(CLIENT_TENANT);
    if (tenant == null) {
      claims.claim(ROLES, mutable(List.of(SERVICE_ROLE)));
      return;
    }
    List<String> roles = client.getClientSettings().getSetting(CLIENT_ROLES);
    claims.claim(TENANT, tenant);
    claims.claim(ROLES, mutable(roles == null ? List.of()
        : roles.stream().filter(role -> !SERVICE_ROLE.equals(role)).toList()));
    Instant secretExpires = client.getClientSecretExpiresAt();
    if (secretExpires != null) {
      claims.claims(all -> {
        if (!(all.get(JwtClaimNames.EXP) instanceof Instant expires) || expires.isAfter(secretExpires)) {
          all.put(JwtClaimNames.EXP, secretExpires);
        }
      });
    }
  }

  /** Writes a user's claims; the subject becomes the user's id, not its username. */
  static void forUser(UserAccount user, JwtClaimsSet.Builder claims) {
    claims.subject(user.id().toString());
    claims.claim(TENANT, user.tenant());
    claims.claim(ROLES, mutable(user.roleClaims()));
    claims.claim(PREFERRED_USERNAME, user.username());
    if (user.isAgent() && user.agentId() != null) {
      claims.claim(AGENT_ID, user.agentId());
    }
  }

  /**
   * The claims are stored with the authorization as JSON with type ids, and Spring Security's
   * allow-list takes {@code ArrayList} but not the JDK's immutable lists.
   */
  private static List<String> mutable(List<String> values) {
    return new ArrayList<>(values);
  }

  private UserAccount enabledUser(String username) {
    Optional<UserAccount> user = users.apply(username).filter(UserAccount::enabled);
    return user.orElseThrow(() -> new OAuth2AuthenticationException(
        new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The login is no longer valid", null)));
  }
}
