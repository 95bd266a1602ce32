package io.switchboard.gateway.widget;

import io.switchboard.gateway.audit.AuditDetails;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Origins;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.WidgetKey;
import io.switchboard.schemas.topics.Topics;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The widget key admin API (role admin, within the caller's tenant): keys are written to the
 * compacted {@code widget.keys}, read from this instance's copy of it, and revoked with a tombstone.
 */
@RestController
@RequestMapping("/api/v1/widget-keys")
class WidgetKeyController {

  private static final Logger log = LoggerFactory.getLogger(WidgetKeyController.class);
  /** {@code wk_} and 24 URL-safe characters: 18 random bytes. */
  static final Pattern KEY_ID = Pattern.compile("wk_[A-Za-z0-9_-]{24}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EventFactory events;
  private final EventPublisher publisher;
  private final WidgetKeys keys;

  WidgetKeyController(EventFactory events, EventPublisher publisher, WidgetKeys keys) {
    this.events = events;
    this.publisher = publisher;
    this.keys = keys;
  }

  @PostMapping
  Mono<ResponseEntity<WidgetKeyView>> create(Caller caller, @Valid @RequestBody WidgetKeyRequest body,
      ServerWebExchange exchange) {
    caller.require("manage widget keys", Role.ADMIN);
    String tenant = caller.tenant();
    List<String> origins = origins(body.allowedOrigins());
    String id = newId();
    WidgetKey key = events.widgetKey(tenant, id).setLabel(body.label().strip()).setAllowedOrigins(origins)
        .setQueue(body.queue()).setCreatedBy(caller.subject()).build();
    AuditDetails.target(exchange, id);
    AuditDetails.put(exchange, "label", key.getLabel());
    AuditDetails.put(exchange, "allowedOrigins", String.join(",", origins));
    AuditDetails.put(exchange, "queue", key.getQueue());
    return publisher.publish(Topics.WIDGET_KEYS, Topics.tenantKey(tenant, id), key).then(Mono.fromSupplier(() -> {
      log.info("Widget key {} of tenant {} created for {}", id, tenant, origins);
      return ResponseEntity.created(URI.create("/api/v1/widget-keys/" + id)).body(WidgetKeyView.of(key));
    }));
  }

  @GetMapping
  Map<String, List<WidgetKeyView>> list(Caller caller) {
    caller.require("manage widget keys", Role.ADMIN);
    keys.requireLoaded();
    return Map.of("keys", keys.all(caller.tenant()).stream().map(WidgetKeyView::of).toList());
  }

  @DeleteMapping("/{id}")
  Mono<ResponseEntity<Void>> revoke(@PathVariable String id, Caller caller, ServerWebExchange exchange) {
    caller.require("manage widget keys", Role.ADMIN);
    String tenant = caller.tenant();
    keys.requireLoaded();
    WidgetKey key = Optional.of(id).filter(value -> KEY_ID.matcher(value).matches())
        .flatMap(value -> keys.find(tenant, value))
        .orElseThrow(() -> ApiException.notFound("Widget key " + echo(id) + " not found"));
    AuditDetails.put(exchange, "label", key.getLabel());
    // A tombstone: every instance drops the key, and its customer tokens stop working there.
    return publisher.publish(Topics.WIDGET_KEYS, Topics.tenantKey(tenant, id), null).then(Mono.fromSupplier(() -> {
      log.info("Widget key {} of tenant {} revoked", id, tenant);
      return ResponseEntity.noContent().<Void>build();
    }));
  }

  /** The origins in their browser form, without repeats; a 400 names the first that is not an origin. */
  static List<String> origins(List<String> given) {
    Set<String> origins = new LinkedHashSet<>();
    for (String origin : given) {
      origins.add(Origins.normalise(origin.strip()).orElseThrow(() -> ApiException.badRequest(
          "allowedOrigins: '" + echo(origin) + "' is not an origin like https://shop.example or http://localhost:3000 "
              + "(scheme http or https, a host, an optional port; no path, no wildcard)")));
    }
    return new ArrayList<>(origins);
  }

  static String newId() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return "wk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String echo(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "…";
  }
}
