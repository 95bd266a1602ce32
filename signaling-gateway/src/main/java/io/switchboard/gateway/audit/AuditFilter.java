package io.switchboard.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.CallerClaims;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ClientAddress;
import io.switchboard.schemas.audit.AuditEvents;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.topics.Topics;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts every admin and supervisor action on {@code audit.events}: a request to an {@link AuditedRoute}
 * that succeeds (2xx) or is refused for the caller's roles (403) becomes one {@link AuditEvent},
 * published before the answer is sent. Other answers (400, 404, 409, 429) change nothing and are not
 * audited; a request without a valid token never gets here.
 */
final class AuditFilter implements WebFilter {

  private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

  private final List<AuditedRoute> routes;
  private final CallerClaims claims;
  private final AuditEvents audit;
  private final EventPublisher publisher;
  private final Counter unpublished;

  AuditFilter(List<AuditedRoute> routes, CallerClaims claims, AuditEvents audit, EventPublisher publisher,
      MeterRegistry meters) {
    this.routes = List.copyOf(routes);
    this.claims = claims;
    this.audit = audit;
    this.publisher = publisher;
    this.unpublished = Counter.builder("switchboard.audit.unpublished")
        .description("Audit events that Kafka did not take; the action itself stands").register(meters);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    for (AuditedRoute route : routes) {
      Optional<String> target = route.target(exchange.getRequest().getMethod(),
          exchange.getRequest().getPath().pathWithinApplication());
      if (target.isPresent()) {
        return exchange.getPrincipal()
            .filter(JwtAuthenticationToken.class::isInstance)
            .map(principal -> Optional.of(claims.caller(((JwtAuthenticationToken) principal).getToken())))
            .defaultIfEmpty(Optional.empty())
            .flatMap(caller -> {
              if (caller.isPresent() && !(route.onBehalfOnly() && caller.get().isAgent(target.get()))) {
                exchange.getResponse().beforeCommit(() -> record(exchange, route, target.get(), caller.get()));
              }
              return chain.filter(exchange);
            });
      }
    }
    return chain.filter(exchange);
  }

  /** Publishes the event of the answer about to be sent; a failure is logged and counted, never the client's. */
  private Mono<Void> record(ServerWebExchange exchange, AuditedRoute route, String pathTarget, Caller caller) {
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    if (status == null || !(status.is2xxSuccessful() || status.value() == HttpStatus.FORBIDDEN.value())) {
      return Mono.empty();
    }
    String target = route.creates() ? AuditDetails.target(exchange).orElse(pathTarget) : pathTarget;
    AuditEvent event;
    try {
      AuditEvents.Entry entry = audit.about(caller.tenant(), route.action(), route.kind(), target)
          .by(caller.subject(), caller.roles().stream().map(Role::claimValue).sorted().toList(), caller.agentId())
          .request(exchange.getRequest().getId(), ClientAddress.of(exchange));
      AuditDetails.of(exchange).forEach(entry::detail);
      event = status.is2xxSuccessful() ? entry.succeeded() : entry.refused("forbidden");
    } catch (IllegalArgumentException invalid) {
      log.error("Cannot audit {} of {} {}: {}", route.action(), route.kind(), target, invalid.getMessage());
      unpublished.increment();
      return Mono.empty();
    }
    return publisher.publish(Topics.AUDIT_EVENTS, event.getTenantId(), event)
        .doOnSuccess(done -> log.info("Audited {} {} of {} {} by {}", event.getOutcome(), event.getAction(),
            event.getTarget().getKind(), target, caller.subject()))
        .onErrorResume(error -> {
          log.error("Audit event {} ({} of {} {} by {}) not published: {}", event.getEventId(), event.getAction(),
              event.getTarget().getKind(), target, caller.subject(), error.getMessage());
          unpublished.increment();
          return Mono.empty();
        });
  }
}
