package io.switchboard.identity.password;

import io.switchboard.identity.user.UserAccount;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issues tokens for a username and password ({@link PasswordGrant}). Unknown user, wrong password and
 * disabled user all get the same {@code invalid_grant}, after the same work (a hash is checked even
 * for an unknown user), so the answer never tells whether a username exists.
 */
public class PasswordGrantProvider implements AuthenticationProvider {

  static final String INVALID_LOGIN = "Invalid username or password";

  private final Function<String, Optional<UserAccount>> users;
  private final PasswordEncoder passwords;
  private final OAuth2AuthorizationService authorizations;
  private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
  private final String unknownUserHash;

  public PasswordGrantProvider(Function<String, Optional<UserAccount>> users, PasswordEncoder passwords,
      OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<? extends OAuth2Token> tokens) {
    this.users = users;
    this.passwords = passwords;
    this.authorizations = authorizations;
    this.tokens = tokens;
    this.unknownUserHash = passwords.encode("no such user: the hash is only compared against");
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    PasswordGrantToken request = (PasswordGrantToken) authentication;
    OAuth2ClientAuthenticationToken clientPrincipal = authenticatedClient(request);
    RegisteredClient client = clientPrincipal.getRegisteredClient();
    if (client == null || !client.getAuthorizationGrantTypes().contains(PasswordGrant.TYPE)) {
      throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "The client is not allowed the password grant");
    }
    if (!client.getScopes().containsAll(request.scopes())) {
      throw error(OAuth2ErrorCodes.INVALID_SCOPE, "The client is not allowed these scopes");
    }
    UserAccount user = checkLogin(request.username(), request.password());
    Authentication principal = principal(user);

    DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
        .registeredClient(client)
        .principal(principal)
        .authorizationServerContext(AuthorizationServerContextHolder.getContext())
        .authorizedScopes(request.scopes())
        .authorizationGrantType(PasswordGrant.TYPE)
        .authorizationGrant(request);
    OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
        .principalName(user.username())
        .authorizationGrantType(PasswordGrant.TYPE)
        .authorizedScopes(request.scopes())
        .attribute(Principal.class.getName(), principal);

    OAuth2Token generated = tokens.generate(context.tokenType(OAuth2TokenType.ACCESS_TOKEN).build());
    if (generated == null) {
      throw error(OAuth2ErrorCodes.SERVER_ERROR, "No access token could be made");
    }
    OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
        generated.getTokenValue(), generated.getIssuedAt(), generated.getExpiresAt(), request.scopes());
    if (generated instanceof ClaimAccessor claims) {
      authorization.token(accessToken,
          metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims()));
    } else {
      authorization.accessToken(accessToken);
    }

    OAuth2RefreshToken refreshToken = null;
    if (client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
      OAuth2Token made = tokens.generate(context.tokenType(OAuth2TokenType.REFRESH_TOKEN).build());
      if (made instanceof OAuth2RefreshToken refresh) {
        refreshToken = refresh;
        authorization.refreshToken(refreshToken);
      }
    }
    authorizations.save(authorization.build());
    return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, accessToken, refreshToken);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return PasswordGrantToken.class.isAssignableFrom(authentication);
  }

  private UserAccount checkLogin(String username, String password) {
    Optional<UserAccount> user = users.apply(username);
    boolean matches = passwords.matches(password, user.map(UserAccount::passwordHash).orElse(unknownUserHash));
    if (user.isEmpty() || !matches || !user.get().enabled()) {
      throw error(OAuth2ErrorCodes.INVALID_GRANT, INVALID_LOGIN);
    }
    return user.get();
  }

  /** The user as the form login would have it, so that a refresh finds the same kind of principal. */
  static Authentication principal(UserAccount user) {
    User details = new User(user.username(), "", user.authorities());
    return UsernamePasswordAuthenticationToken.authenticated(details, null, user.authorities());
  }

  private static OAuth2ClientAuthenticationToken authenticatedClient(Authentication request) {
    if (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
      return client;
    }
    throw error(OAuth2ErrorCodes.INVALID_CLIENT, null);
  }

  private static OAuth2AuthenticationException error(String code, String description) {
    return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
  }
}
