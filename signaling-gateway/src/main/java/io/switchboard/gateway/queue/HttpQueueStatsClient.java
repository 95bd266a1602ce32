package io.switchboard.gateway.queue;

import io.switchboard.gateway.web.ServiceCredentials;
import io.switchboard.gateway.web.Upstream;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/** Forwards stats queries to the routing service, with a connection pool released with the context. */
final class HttpQueueStatsClient implements QueueStatsClient, DisposableBean {

  private static final String STATS_PATH = "/api/v1/queues/{name}/stats";

  private final Upstream routing;

  HttpQueueStatsClient(RoutingProperties properties, ServiceCredentials credentials) {
    this.routing = new Upstream("routing", properties.routingUrl(), properties.routingTimeout(), credentials);
  }

  @Override
  public Mono<ResponseEntity<String>> stats(String tenantId, String queue) {
    return routing.get(tenantId, STATS_PATH, queue);
  }

  @Override
  public void destroy() {
    routing.close();
  }
}
