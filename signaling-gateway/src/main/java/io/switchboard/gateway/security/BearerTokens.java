package io.switchboard.gateway.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds a request's access token: {@code Authorization: Bearer …}, or, for a WebSocket handshake
 * (browsers cannot set headers on one), a {@code bearer.<token>} entry of
 * {@code Sec-WebSocket-Protocol}. Never a query parameter: URLs end up in logs.
 */
final class BearerTokens implements ServerAuthenticationConverter {

  /** The prefix of the WebSocket subprotocol entry that carries the token. */
  static final String PROTOCOL_PREFIX = "bearer.";
  static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

  private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();

  @Override
  public Mono<Authentication> convert(ServerWebExchange exchange) {
    return header.convert(exchange).switchIfEmpty(Mono.defer(() -> fromSubprotocol(exchange)));
  }

  private static Mono<Authentication> fromSubprotocol(ServerWebExchange exchange) {
    List<String> offered = exchange.getRequest().getHeaders().getOrEmpty(PROTOCOL_HEADER);
    return Mono.justOrEmpty(token(offered)).map(BearerTokenAuthenticationToken::new);
  }

  /** The token in a list of offered subprotocols (each header value may hold several, comma separated). */
  static String token(List<String> offered) {
    for (String value : offered) {
      for (String protocol : value.split(",")) {
        String trimmed = protocol.strip();
        if (trimmed.startsWith(PROTOCOL_PREFIX) && trimmed.length() > PROTOCOL_PREFIX.length()) {
          return trimmed.substring(PROTOCOL_PREFIX.length());
        }
      }
    }
    return null;
  }
}
