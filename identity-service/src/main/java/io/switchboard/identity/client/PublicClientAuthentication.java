package io.switchboard.identity.client;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Client authentication for public clients on the grants that carry no PKCE verifier: the refresh
 * grant (Spring Authorization Server authenticates public clients only on the code exchange) and
 * the password grant. A public client proves nothing but its id; whether it may use the grant is
 * for the grant's own provider to say ({@code unauthorized_client}).
 */
public final class PublicClientAuthentication {

  private PublicClientAuthentication() {}

  /** Reads {@code client_id} from a token request without a secret, on the grants above. */
  public static AuthenticationConverter converter(Set<AuthorizationGrantType> grants) {
    return (HttpServletRequest request) -> {
      String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
      if (grantType == null || grants.stream().noneMatch(grant -> grant.getValue().equals(grantType))
          || request.getHeader(HttpHeaders.AUTHORIZATION) != null
          || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
        return null;
      }
      String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
      if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
        throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
      }
      Map<String, Object> parameters = new HashMap<>();
      request.getParameterMap().forEach((name, values) -> {
        if (!name.equals(OAuth2ParameterNames.CLIENT_ID)) {
          parameters.put(name, values.length == 1 ? values[0] : values);
        }
      });
      return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
    };
  }

  /** Authenticates what {@link #converter} read, when the client is a registered public one. */
  public static AuthenticationProvider provider(RegisteredClientRepository clients,
      Set<AuthorizationGrantType> grants) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) authentication;
        Object grantType = token.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE);
        if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())
            || grants.stream().noneMatch(grant -> grant.getValue().equals(grantType))) {
          return null;
        }
        RegisteredClient client = clients.findByClientId(String.valueOf(token.getPrincipal()));
        if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
          throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
              "Client authentication failed", null));
        }
        return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
      }
    };
  }
}
