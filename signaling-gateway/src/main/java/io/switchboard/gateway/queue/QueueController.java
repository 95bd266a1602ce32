package io.switchboard.gateway.queue;

import io.switchboard.gateway.audit.AuditDetails;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The queue admin API: writes go to the compacted {@code queue.config}, reads come from this
 * instance's copy of it, and live statistics are forwarded to the routing service. Admins configure
 * queues; supervisors and admins read them and their statistics.
 */
@RestController
@RequestMapping("/api/v1/queues")
class QueueController {

  private static final Logger log = LoggerFactory.getLogger(QueueController.class);
  private static final Role[] READERS = {Role.SUPERVISOR, Role.ADMIN};

  private final EventFactory events;
  private final EventPublisher publisher;
  private final QueueConfigs queues;
  private final QueueConfigParser parser;
  private final QueueStatsClient stats;

  QueueController(EventFactory events, EventPublisher publisher, QueueConfigs queues, QueueConfigParser parser,
      QueueStatsClient stats) {
    this.events = events;
    this.publisher = publisher;
    this.queues = queues;
    this.parser = parser;
    this.stats = stats;
  }

  @PutMapping("/{name}")
  Mono<QueueView> put(@PathVariable String name, Caller caller, @RequestBody(required = false) String body,
      ServerWebExchange exchange) {
    caller.require("configure queues", Role.ADMIN);
    String tenant = caller.tenant();
    checkName(name);
    QueueConfig config = QueueConfigMapper.toConfig(events.queueConfig(tenant, name), parser.parse(body));
    AuditDetails.put(exchange, "strategy", config.getStrategy());
    AuditDetails.put(exchange, "overflowQueue", config.getOverflowQueue());
    return publisher.publish(Topics.QUEUE_CONFIG, Topics.queueKey(tenant, name), config)
        .then(Mono.fromSupplier(() -> {
          log.info("Queue {} of tenant {} configured: {}", name, tenant, config);
          return QueueView.of(config);
        }));
  }

  @GetMapping
  Map<String, List<QueueView>> list(Caller caller) {
    caller.require("read queues", READERS);
    checkLoaded();
    return Map.of("queues", queues.all(caller.tenant()).stream().map(QueueView::of).toList());
  }

  @GetMapping("/{name}")
  QueueView get(@PathVariable String name, Caller caller) {
    caller.require("read queues", READERS);
    return QueueView.of(existing(caller.tenant(), name));
  }

  @DeleteMapping("/{name}")
  Mono<ResponseEntity<Void>> delete(@PathVariable String name, Caller caller) {
    caller.require("delete queues", Role.ADMIN);
    String tenant = caller.tenant();
    existing(tenant, name);
    // A tombstone: compaction drops the queue, and every reader removes it.
    return publisher.publish(Topics.QUEUE_CONFIG, Topics.queueKey(tenant, name), null)
        .then(Mono.fromSupplier(() -> {
          log.info("Queue {} of tenant {} deleted", name, tenant);
          return ResponseEntity.noContent().<Void>build();
        }));
  }

  @GetMapping("/{name}/stats")
  Mono<ResponseEntity<String>> stats(@PathVariable String name, Caller caller) {
    caller.require("read queue statistics", READERS);
    // Any queue routing may know, including ones named by calls before they were configured.
    return stats.stats(caller.tenant(), RequestIds.id("queue", name));
  }

  private QueueConfig existing(String tenant, String name) {
    checkName(name);
    checkLoaded();
    return queues.find(tenant, name)
        .orElseThrow(() -> ApiException.notFound("Queue " + name + " not found"));
  }

  private static void checkName(String name) {
    if (!QueueConfigRules.isValidName(name)) {
      throw ApiException.badRequest("queue name must match " + QueueConfigRules.NAME_PATTERN + ", got '"
          + (name.length() <= 80 ? name : name.substring(0, 80) + "…") + "'");
    }
  }

  private void checkLoaded() {
    if (!queues.loaded()) {
      throw ApiException.unavailable("The queue configuration is still loading from "
          + Topics.QUEUE_CONFIG.name() + "; try again shortly");
    }
  }
}
