package io.switchboard.identity.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

class LiveClientAuthorizationsTest {

  @Test
  void anAuthorizationOfAClientThatIsGoneIsNone() {
    OAuth2AuthorizationService clientGone = new OAuth2AuthorizationService() {
      @Override
      public void save(OAuth2Authorization authorization) {}

      @Override
      public void remove(OAuth2Authorization authorization) {}

      @Override
      public OAuth2Authorization findById(String id) {
        throw new DataRetrievalFailureException("The RegisteredClient with id 'apikey-1' was not found");
      }

      @Override
      public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        throw new DataRetrievalFailureException("The RegisteredClient with id 'apikey-1' was not found");
      }
    };
    LiveClientAuthorizations authorizations = new LiveClientAuthorizations(clientGone);

    assertThat(authorizations.findById("a1")).isNull();
    assertThat(authorizations.findByToken("t", OAuth2TokenType.ACCESS_TOKEN)).isNull();
    assertThat(authorizations.findByToken("t", null)).isNull();
  }
}
