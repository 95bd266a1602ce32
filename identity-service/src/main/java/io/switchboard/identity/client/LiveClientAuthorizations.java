package io.switchboard.identity.client;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Stored authorizations, as far as their client still exists. The JDBC store fails on an
 * authorization whose client is gone (an API key revoked while one of its tokens was being issued, a
 * service client dropped from configuration); for such a client there is no authorization, so a
 * token of it introspects as inactive instead of failing the request.
 */
public final class LiveClientAuthorizations implements OAuth2AuthorizationService {

  private final OAuth2AuthorizationService stored;

  public LiveClientAuthorizations(OAuth2AuthorizationService stored) {
    this.stored = stored;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    stored.save(authorization);
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    stored.remove(authorization);
  }

  @Override
  public OAuth2Authorization findById(String id) {
    try {
      return stored.findById(id);
    } catch (DataRetrievalFailureException clientGone) {
      return null;
    }
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    try {
      return stored.findByToken(token, tokenType);
    } catch (DataRetrievalFailureException clientGone) {
      return null;
    }
  }
}
