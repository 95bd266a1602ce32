package io.switchboard.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 401 and 403 of a request without a valid service credential, with the service's JSON error
 * body {@code {status, error, message, path}} and the {@code WWW-Authenticate} challenge of RFC 6750.
 */
final class AuthErrors implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

  private final JsonMapper json;

  AuthErrors(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException refused) {
    if (refused instanceof OAuth2AuthenticationException invalid) {
      String code = invalid.getError().getErrorCode();
      String reason = invalid.getError().getDescription() != null ? invalid.getError().getDescription()
          : refused.getMessage();
      return write(exchange, HttpStatus.UNAUTHORIZED, "Bearer error=\"" + code + "\"",
          "The bearer token was refused: " + reason);
    }
    return write(exchange, HttpStatus.UNAUTHORIZED, "Bearer",
        "A service credential is required: a bearer token from the deployment's issuer");
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    return write(exchange, HttpStatus.FORBIDDEN, "Bearer error=\"insufficient_scope\"",
        "The token does not carry the role this endpoint needs: service (actuator: service or admin)");
  }

  private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String challenge, String message) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", status.getReasonPhrase());
    body.put("message", message);
    body.put("path", exchange.getRequest().getPath().value());
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json.writeValueAsBytes(body))));
  }
}
