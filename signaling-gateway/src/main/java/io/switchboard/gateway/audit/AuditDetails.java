package io.switchboard.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.server.ServerWebExchange;

/**
 * Facts about an audited action that only its controller knows (the new status, the priority),
 * left on the exchange for {@link AuditFilter}. Never a secret: {@code AuditEvents} refuses
 * secret-like names.
 */
public final class AuditDetails {

  static final String ATTRIBUTE = AuditDetails.class.getName();

  private AuditDetails() {}

  /** Adds a detail to the request's audit event, if the request is audited; a null value is left out. */
  public static void put(ServerWebExchange exchange, String name, Object value) {
    if (value != null) {
      exchange.getAttributes().computeIfAbsent(ATTRIBUTE, key -> new LinkedHashMap<String, String>());
      of(exchange).put(name, String.valueOf(value));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> of(ServerWebExchange exchange) {
    Object details = exchange.getAttribute(ATTRIBUTE);
    return details == null ? Map.of() : (Map<String, String>) details;
  }
}
