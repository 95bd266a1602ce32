package io.switchboard.identity.user;

import io.switchboard.identity.user.UserRequests.NewTenant;
import io.switchboard.identity.user.UserRequests.NewUser;
import io.switchboard.identity.user.UserRequests.UserChanges;
import io.switchboard.identity.audit.AuditUnavailableException;
import io.switchboard.identity.client.Clients;
import io.switchboard.identity.token.TokenClaims;
import io.switchboard.identity.web.SecurityErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audits the admin API's requests that the filter chain refuses for want of the admin role: a
 * state-changing request on an existing route becomes a REFUSED event before its 403.
 */
@Component
public class RoleRefusals {

  private static final Pattern USER = Pattern.compile("/api/v1/users/([^/]+)");
  private static final Pattern PASSWORD = Pattern.compile("/api/v1/users/([^/]+)/password");
  private static final Pattern API_KEY = Pattern.compile("/api/v1/api-keys/([^/]+)");
  private static final int BODY_LIMIT = 16 * 1024;

  private final AuditedChanges audited;
  private final JsonMapper json;

  RoleRefusals(AuditedChanges audited, JsonMapper json) {
    this.audited = audited;
    this.json = json;
  }

  /** The 403 of {@code errors}, after the event is acknowledged; a 503 when it is not. */
  public AccessDeniedHandler auditing(SecurityErrors errors) {
    AccessDeniedHandler answer = errors.forbidden();
    return (request, response, e) -> {
      // A service client's token has no tenant to file the event under.
      if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
          && token.getToken().hasClaim(TokenClaims.TENANT)) {
        Optional<AdminAction> action = action(request);
        try {
          if (action.isPresent()) {
            audited.refused(Caller.of(token.getToken()), request, action.get(), "forbidden");
          }
        } catch (AuditUnavailableException unavailable) {
          errors.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, unavailable.getMessage());
          return;
        }
      }
      answer.handle(request, response, e);
    };
  }

  private Optional<AdminAction> action(HttpServletRequest request) throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher user = USER.matcher(path);
    Matcher password = PASSWORD.matcher(path);
    Matcher apiKey = API_KEY.matcher(path);
    return Optional.ofNullable(switch (request.getMethod()) {
      case "POST" -> switch (path) {
        case "/api/v1/users" -> body(request, NewUser.class).filter(body -> body.username() != null)
            .map(AdminAction::created).orElse(null);
        case "/api/v1/tenants" -> body(request, NewTenant.class).filter(body -> body.tenant() != null)
            .map(AdminAction::tenantCreated).orElse(null);
        // No key is made: the event names the client id the key would have had.
        case "/api/v1/api-keys" -> body(request, Map.class).map(body -> AdminAction.apiKeyCreated(
            Clients.newApiKeyId(), text(body.get("name")), texts(body.get("roles")), null)).orElse(null);
        default -> null;
      };
      case "PATCH" -> user.matches()
          ? AdminAction.changed(user.group(1), body(request, UserChanges.class)
              .orElse(new UserChanges(null, null, null, null)))
          : null;
      case "PUT" -> password.matches() ? AdminAction.passwordReset(password.group(1)) : null;
      case "DELETE" -> user.matches() ? AdminAction.deleted(user.group(1))
          : apiKey.matches() ? AdminAction.apiKeyRevoked(apiKey.group(1)) : null;
      default -> null;
    });
  }

  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  private static List<String> texts(Object value) {
    return value instanceof List<?> values ? values.stream().map(RoleRefusals::text).filter(v -> v != null).toList()
        : null;
  }

  /** The request's JSON body, read here since no controller will; empty when it is not readable. */
  private <T> Optional<T> body(HttpServletRequest request, Class<T> type) throws IOException {
    byte[] bytes = request.getInputStream().readNBytes(BODY_LIMIT);
    try {
      return Optional.ofNullable(json.readValue(bytes, type));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
