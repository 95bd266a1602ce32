package io.switchboard.identity.apikey;

import io.switchboard.identity.client.Clients;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/** Records when each API key last got a token, on the token endpoint's way to its answer. */
@Component
public class ApiKeyUse {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyUse.class);

  private final ApiKeyStore keys;
  private final Clock clock;

  ApiKeyUse(ApiKeyStore keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** {@code answer}, after a token issued to an API key is recorded as its last use. */
  public AuthenticationSuccessHandler recording(AuthenticationSuccessHandler answer) {
    return (request, response, authentication) -> {
      if (authentication instanceof OAuth2AccessTokenAuthenticationToken issued
          && Clients.isApiKey(issued.getRegisteredClient().getClientId())) {
        String clientId = issued.getRegisteredClient().getClientId();
        try {
          keys.markUsed(clientId, clock.instant());
        } catch (DataAccessException e) {
          // The token is issued: a last-used time not written is no reason to withhold it.
          log.warn("Last use of API key {} not recorded: {}", clientId, e.getMessage());
        }
      }
      answer.onAuthenticationSuccess(request, response, authentication);
    };
  }
}
