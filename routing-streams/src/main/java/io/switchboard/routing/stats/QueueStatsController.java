package io.switchboard.routing.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/v1/queues/{queue}/stats}: the live statistics of a queue, read from the local
 * stores. Errors answer the JSON body of docs/call-flow.md: 400 for a bad tenant, 404 for a queue
 * the tenant never had, 421 with {@code X-Switchboard-Owner} when another instance owns the tenant,
 * 503 while the engine is not running or its stores are being restored or moved.
 */
@RestController
class QueueStatsController {

  static final String OWNER_HEADER = "X-Switchboard-Owner";
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final QueueStatsLookup lookup;

  QueueStatsController(QueueStatsLookup lookup) {
    this.lookup = lookup;
  }

  @GetMapping(path = "/api/v1/queues/{queue}/stats", produces = "application/json")
  Mono<ResponseEntity<Object>> stats(@PathVariable String queue,
      @RequestHeader(name = "X-Tenant-Id", defaultValue = "default") String tenant, ServerWebExchange exchange) {
    String path = exchange.getRequest().getPath().value();
    if (!TENANT.matcher(tenant).matches()) {
      return Mono.just(error(HttpStatus.BAD_REQUEST, "X-Tenant-Id must be 1 to 64 letters, digits, '_' or '-'", path));
    }
    // Store reads may touch RocksDB: off the event loop.
    return Mono.fromCallable(() -> answer(lookup.find(tenant, queue), path))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static ResponseEntity<Object> answer(QueueStatsLookup.Result result, String path) {
    switch (result.kind()) {
      case FOUND:
        return ResponseEntity.ok(result.snapshot());
      case UNKNOWN_QUEUE:
        return error(HttpStatus.NOT_FOUND, result.message(), path);
      case OTHER_INSTANCE:
        return ResponseEntity.status(HttpStatus.MISDIRECTED_REQUEST).header(OWNER_HEADER, result.owner())
            .body(body(HttpStatus.MISDIRECTED_REQUEST, result.message(), path));
      default:
        return error(HttpStatus.SERVICE_UNAVAILABLE, result.message(), path);
    }
  }

  private static ResponseEntity<Object> error(HttpStatus status, String message, String path) {
    return ResponseEntity.status(status).body(body(status, message, path));
  }

  private static Map<String, Object> body(HttpStatus status, String message, String path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", status.getReasonPhrase());
    body.put("message", message);
    body.put("path", path);
    return body;
  }
}
