package io.switchboard.gateway.security;

import io.switchboard.gateway.web.ErrorBody;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 from the security filters, with the gateway's {@link ErrorBody} and a
 * {@code WWW-Authenticate} challenge (RFC 6750) saying what was wrong with the token; a 503 when the
 * token could not be checked at all.
 */
final class SecurityErrors
    implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerAuthenticationFailureHandler {

  private static final Logger log = LoggerFactory.getLogger(SecurityErrors.class);
  private static final int DESCRIPTION_LIMIT = 200;

  private final JsonMapper json;

  SecurityErrors(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    if (failure instanceof OAuth2AuthenticationException oauth) {
      String description = describe(oauth);
      return write(exchange, HttpStatus.UNAUTHORIZED,
          "Bearer error=\"" + oauth.getError().getErrorCode() + "\", error_description=\"" + quoted(description) + "\"",
          "Invalid access token: " + description);
    }
    return write(exchange, HttpStatus.UNAUTHORIZED, "Bearer",
        "Authentication required: send an access token as Authorization: Bearer <token>");
  }

  /** A token that could not be checked (the issuer's keys unreachable) is the gateway's problem, not the client's. */
  @Override
  public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException failure) {
    if (failure instanceof AuthenticationServiceException) {
      log.warn("Cannot check an access token: {}", failure.getMessage());
      return write(exchange.getExchange(), HttpStatus.SERVICE_UNAVAILABLE, null,
          "The access token cannot be checked now: the token issuer is unreachable");
    }
    return commence(exchange.getExchange(), failure);
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    return write(exchange, HttpStatus.FORBIDDEN,
        "Bearer error=\"insufficient_scope\", error_description=\"The token's roles do not allow this request\"",
        "Not allowed: the token's roles do not allow " + exchange.getRequest().getMethod() + " "
            + exchange.getRequest().getPath().value());
  }

  private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String challenge, String message) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(status);
    if (challenge != null) {
      response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] body = json.writeValueAsString(ErrorBody.of(status, message, exchange.getRequest().getPath().value()))
        .getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  private static String describe(OAuth2AuthenticationException failure) {
    String description = failure.getError().getDescription();
    if (description == null || description.isBlank()) {
      description = failure.getMessage() == null ? failure.getError().getErrorCode() : failure.getMessage();
    }
    return description.length() <= DESCRIPTION_LIMIT ? description : description.substring(0, DESCRIPTION_LIMIT) + "…";
  }

  /** RFC 6750 allows printable ASCII but no quote or backslash in error_description. */
  private static String quoted(String text) {
    return text.replaceAll("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]", "'");
  }
}
