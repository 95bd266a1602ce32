package io.switchboard.identity.password;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** Reads a {@code grant_type=password} token request into a {@link PasswordGrantToken}. */
public class PasswordGrantConverter implements AuthenticationConverter {

  static final String USERNAME = "username";
  static final String PASSWORD = "password";

  @Override
  public Authentication convert(HttpServletRequest request) {
    if (!PasswordGrant.TYPE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
      return null;
    }
    String username = single(request, USERNAME);
    String password = single(request, PASSWORD);
    String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
    Set<String> scopes = scope == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    Map<String, Object> additional = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> {
      if (!Set.of(OAuth2ParameterNames.GRANT_TYPE, OAuth2ParameterNames.CLIENT_ID, USERNAME,
          PASSWORD, OAuth2ParameterNames.SCOPE).contains(name)) {
        additional.put(name, values[0]);
      }
    });
    Authentication client = SecurityContextHolder.getContext().getAuthentication();
    return new PasswordGrantToken(client, username, password, scopes, additional);
  }

  private static String single(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    if (values == null || values.length != 1 || values[0].isEmpty()) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The " + name + " parameter is required once", null));
    }
    return values[0];
  }
}
