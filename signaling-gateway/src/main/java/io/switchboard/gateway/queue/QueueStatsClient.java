package io.switchboard.gateway.queue;

import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/** Live statistics of a queue, from the routing service; fails with a 503 ApiException when it is unreachable. */
interface QueueStatsClient {

  /** The routing service's answer to {@code GET /api/v1/queues/{name}/stats}, status and JSON body as they are. */
  Mono<ResponseEntity<String>> stats(String tenantId, String queue);
}
