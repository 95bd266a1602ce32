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
 * {@code auth:refresh {token}} with a new token for the same agent or customer, which extends the session.
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

  /** The agent, customer, supervisor or admin of a handshake's authenticated principal; empty for any other token. */
  Optional<SessionToken> of(Principal principal) {
    if (!(principal instanceof JwtAuthenticationToken authenticated)) {
      return Optional.empty();
    }
    SessionToken token = token(authenticated.getToken());
    Caller caller = token.caller();
    return caller.is(Role.AGENT) && caller.agentId() != null
        || caller.isAny(Role.CUSTOMER, Role.SUPERVISOR, Role.ADMIN) ? Optional.of(token) : Optional.empty();
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

  /** The same tenant, subject and agent id, and still the role the session was opened with. */
  private static boolean sameAgent(Caller current, Caller next) {
    boolean sameRole = current.is(Role.AGENT) && current.agentId() != null ? next.is(Role.AGENT)
        : current.is(Role.CUSTOMER) ? next.is(Role.CUSTOMER)
        // A wallboard's session: a supervisor's or admin's token still.
        : next.isAny(Role.SUPERVISOR, Role.ADMIN);
    return sameRole && current.tenant().equals(next.tenant()) && current.subject().equals(next.subject())
        && Objects.equals(current.agentId(), next.agentId());
  }

  /** A refresh refused; the session keeps its current token and expiry. */
  static final class RefusedTokenException extends RuntimeException {
    RefusedTokenException(String message) {
      super(message);
    }
  }
}
