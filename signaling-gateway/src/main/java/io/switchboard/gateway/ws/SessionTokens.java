package io.switchboard.gateway.ws;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.CallerClaims;
import io.switchboard.gateway.security.Role;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * The access token behind a WebSocket session: who the session is (from the handshake's token) and
 * until when. A session lasts as long as its token; before it expires the client may send
 * {@code auth:refresh {token}} with a new token for the same agent, which extends the session.
 * At expiry the gateway closes the session with 1008 (docs/security.md).
 */
final class SessionTokens {

  /** Who a session is and when its token expires. */
  record SessionToken(Caller caller, Instant expiresAt) {}

  private final ReactiveJwtDecoder decoder;
  private final CallerClaims claims;

  SessionTokens(ReactiveJwtDecoder decoder, CallerClaims claims) {
    this.decoder = decoder;
    this.claims = claims;
  }

  /** The agent of a handshake's authenticated principal; empty unless it is an agent's token. */
  Optional<SessionToken> of(Principal principal) {
    if (!(principal instanceof JwtAuthenticationToken authenticated)) {
      return Optional.empty();
    }
    SessionToken token = token(authenticated.getToken());
    return token.caller().is(Role.AGENT) && token.caller().agentId() != null ? Optional.of(token) : Optional.empty();
  }

  /**
   * Validates a new token for {@code current}: the same issuer rules as any request, and the same
   * tenant, subject and agent. Fails with a message meant for the client.
   */
  Mono<SessionToken> refresh(Caller current, String raw) {
    if (raw == null || raw.isBlank()) {
      return Mono.error(new RefusedTokenException("auth:refresh needs a token"));
    }
    return decoder.decode(raw)
        .onErrorMap(JwtException.class, e -> new RefusedTokenException("The new token is not valid: " + e.getMessage()))
        .map(this::token)
        .flatMap(next -> sameAgent(current, next.caller()) ? Mono.just(next)
            : Mono.error(new RefusedTokenException("The new token is for another tenant, user or agent")));
  }

  private SessionToken token(Jwt jwt) {
    return new SessionToken(claims.caller(jwt), jwt.getExpiresAt());
  }

  private static boolean sameAgent(Caller current, Caller next) {
    return next.is(Role.AGENT) && current.tenant().equals(next.tenant()) && current.subject().equals(next.subject())
        && Objects.equals(current.agentId(), next.agentId());
  }

  /** A refresh refused; the session keeps its current token and expiry. */
  static final class RefusedTokenException extends RuntimeException {
    RefusedTokenException(String message) {
      super(message);
    }
  }
}
