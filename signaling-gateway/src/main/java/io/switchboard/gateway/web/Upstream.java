package io.switchboard.gateway.web;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Another Switchboard service that the gateway forwards read-only queries to, with a connection
 * pool of its own: status and JSON body pass through, and an unreachable service is a 503.
 */
public final class Upstream implements AutoCloseable {

  private final String name;
  private final String baseUrl;
  private final Duration timeout;
  private final ConnectionProvider connections;
  private final WebClient client;

  /** {@code credentials}: the service token put on every request ({@link ServiceCredentials#none()} for none). */
  public Upstream(String name, String baseUrl, Duration timeout, ServiceCredentials credentials) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.connections = ConnectionProvider.create(name, 50);
    HttpClient http = HttpClient.create(connections)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
        .responseTimeout(timeout);
    this.client = WebClient.builder()
        .baseUrl(baseUrl)
        .clientConnector(new ReactorClientHttpConnector(http))
        .filter(credentials)
        .build();
  }

  /** GETs {@code path} (a URI template expanded with {@code variables}) for {@code tenantId}. */
  public Mono<ResponseEntity<String>> get(String tenantId, String path, Object... variables) {
    return client.get()
        .uri(path, variables)
        .header(RequestIds.TENANT_HEADER, tenantId)
        .accept(MediaType.APPLICATION_JSON)
        .exchangeToMono(response -> response.bodyToMono(String.class)
            .map(body -> ResponseEntity.status(response.statusCode())
                .contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
                .body(body))
            .defaultIfEmpty(ResponseEntity.status(response.statusCode()).<String>build()))
        .timeout(timeout.plusSeconds(1))
        .onErrorMap(error -> error instanceof WebClientRequestException || error instanceof TimeoutException,
            error -> ApiException.unavailable(
                "The " + name + " service at " + baseUrl + " is unreachable: " + error.getMessage()));
  }

  /**
   * GETs {@code path} with the raw (already encoded) {@code query} for {@code tenantId}, asking for
   * {@code accept}, and passes status, content type and body through as a stream (a CSV export
   * is not held in memory). Only the service's base URL is ever addressed.
   */
  public Mono<ResponseEntity<Flux<DataBuffer>>> stream(String tenantId, String path, String query,
      List<MediaType> accept) {
    URI uri = URI.create(baseUrl + path + (query == null || query.isEmpty() ? "" : "?" + query));
    return client.get()
        .uri(uri)
        .header(RequestIds.TENANT_HEADER, tenantId)
        .accept(accept.isEmpty() ? new MediaType[] {MediaType.APPLICATION_JSON} : accept.toArray(MediaType[]::new))
        .retrieve()
        // Every status passes through as it is, errors included: call-state's 400 is the caller's 400.
        .onStatus(status -> true, response -> Mono.empty())
        .toEntityFlux(DataBuffer.class)
        .map(entity -> ResponseEntity.status(entity.getStatusCode())
            .contentType(Optional.ofNullable(entity.getHeaders().getContentType()).orElse(MediaType.APPLICATION_JSON))
            .body(entity.getBody() == null ? Flux.<DataBuffer>empty() : entity.getBody().timeout(timeout.plusSeconds(1))))
        .timeout(timeout.plusSeconds(1))
        .onErrorMap(error -> error instanceof WebClientRequestException || error instanceof TimeoutException,
            error -> ApiException.unavailable(
                "The " + name + " service at " + baseUrl + " is unreachable: " + error.getMessage()));
  }

  @Override
  public void close() {
    connections.dispose();
  }
}
