package io.switchboard.gateway.queue;

import io.netty.channel.ChannelOption;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Forwards stats queries to the routing service with a connection pool of its own, released with the context. */
final class HttpQueueStatsClient implements QueueStatsClient, DisposableBean {

  private static final String STATS_PATH = "/api/v1/queues/{name}/stats";

  private final ConnectionProvider connections;
  private final WebClient client;
  private final RoutingProperties properties;

  HttpQueueStatsClient(RoutingProperties properties) {
    this.properties = properties;
    this.connections = ConnectionProvider.create("routing", 50);
    HttpClient http = HttpClient.create(connections)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.routingTimeout().toMillis())
        .responseTimeout(properties.routingTimeout());
    this.client = WebClient.builder()
        .baseUrl(properties.routingUrl())
        .clientConnector(new ReactorClientHttpConnector(http))
        .build();
  }

  @Override
  public Mono<ResponseEntity<String>> stats(String tenantId, String queue) {
    return client.get()
        .uri(STATS_PATH, queue)
        .header(RequestIds.TENANT_HEADER, tenantId)
        .accept(MediaType.APPLICATION_JSON)
        .exchangeToMono(response -> response.bodyToMono(String.class)
            .map(body -> ResponseEntity.status(response.statusCode())
                .contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
                .body(body))
            .defaultIfEmpty(ResponseEntity.status(response.statusCode()).<String>build()))
        .timeout(properties.routingTimeout().plusSeconds(1))
        .onErrorMap(error -> error instanceof WebClientRequestException || error instanceof TimeoutException,
            error -> ApiException.unavailable("The routing service at " + properties.routingUrl()
                + " is unreachable: " + error.getMessage()));
  }

  @Override
  public void destroy() {
    connections.dispose();
  }
}
