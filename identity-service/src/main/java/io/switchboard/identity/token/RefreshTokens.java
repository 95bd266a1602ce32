package io.switchboard.identity.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Opaque refresh tokens for every client allowed the refresh grant, public ones included. Spring
 * Authorization Server's own generator gives none to public clients after the code flow; the web UI
 * is one, and its refresh tokens are rotated on each use (see {@code Clients}) instead.
 */
public class RefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

  private final StringKeyGenerator keys = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);
  private final Clock clock;

  public RefreshTokens(Clock clock) {
    this.clock = clock;
  }

  @Override
  public OAuth2RefreshToken generate(OAuth2TokenContext context) {
    if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
        || !context.getRegisteredClient().getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
      return null;
    }
    Instant issuedAt = clock.instant();
    Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
    return new OAuth2RefreshToken(keys.generateKey(), issuedAt, expiresAt);
  }
}
