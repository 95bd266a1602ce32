package io.switchboard.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * Facts about an audited action that only its controller knows (the new status, the priority),
 * left on the exchange for {@link AuditFilter}. Never a secret: {@code AuditEvents} refuses
 * secret-like names.
 */
public final class AuditDetails {

  static final String ATTRIBUTE = AuditDetails.class.getName();
  static final String TARGET = AuditDetails.class.getName() + ".target";

  private AuditDetails() {}

  /** Adds a detail to the request's audit event, if the request is audited; a null value is left out. */
  public static void put(ServerWebExchange exchange, String name, Object value) {
    if (value != null) {
      exchange.getAttributes().computeIfAbsent(ATTRIBUTE, key -> new LinkedHashMap<String, String>());
      of(exchange).put(name, String.valueOf(value));
    }
  }

  /** The id of the resource a creating request made (a new widget key's), for its audit event's target. */
  public static void target(ServerWebExchange exchange, String id) {
    exchange.getAttributes().put(TARGET, id);
  }

  static Optional<String> target(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(TARGET));
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> of(ServerWebExchange exchange) {
    Object details = exchange.getAttribute(ATTRIBUTE);
    return details == null ? Map.of() : (Map<String, String>) details;
  }
}
