package io.switchboard.gateway.call;

import io.netty.channel.ChannelOption;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Talks to call-state over HTTP with a connection pool of its own, released with the context. */
final class HttpCallStateClient implements CallStateClient, DisposableBean {

  private static final String CALL_PATH = "/api/v1/calls/{callId}";

  private final ConnectionProvider connections;
  private final WebClient client;
  private final CallStateProperties properties;
  private final JsonMapper json = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  HttpCallStateClient(CallStateProperties properties) {
    this.properties = properties;
    this.connections = ConnectionProvider.create("call-state", 50);
    HttpClient http = HttpClient.create(connections)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.callStateTimeout().toMillis())
        .responseTimeout(properties.callStateTimeout());
    this.client = WebClient.builder()
        .baseUrl(properties.callStateUrl())
        .clientConnector(new ReactorClientHttpConnector(http))
        .build();
  }

  @Override
  public Mono<ResponseEntity<String>> get(String tenantId, String callId) {
    return client.get()
        .uri(CALL_PATH, callId)
        .header(RequestIds.TENANT_HEADER, tenantId)
        .accept(MediaType.APPLICATION_JSON)
        .exchangeToMono(response -> response.bodyToMono(String.class)
            .map(body -> ResponseEntity.status(response.statusCode())
                .contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
                .body(body))
            .defaultIfEmpty(ResponseEntity.status(response.statusCode()).<String>build()))
        .timeout(properties.callStateTimeout().plusSeconds(1))
        .onErrorMap(this::isUnreachable, error -> ApiException.unavailable(
            "The call-state service at " + properties.callStateUrl() + " is unreachable: " + error.getMessage()));
  }

  @Override
  public Mono<CallView> find(String tenantId, String callId) {
    return get(tenantId, callId).flatMap(response -> {
      if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
        return Mono.empty();
      }
      if (!response.getStatusCode().is2xxSuccessful() || response.getBody() == null) {
        return Mono.error(ApiException.unavailable(
            "The call-state service answered " + response.getStatusCode().value() + " for call " + callId));
      }
      try {
        return Mono.just(json.readValue(response.getBody(), CallView.class));
      } catch (JacksonException e) {
        return Mono.error(ApiException.unavailable("The call-state service answered an unreadable call: "
            + e.getOriginalMessage()));
      }
    });
  }

  private boolean isUnreachable(Throwable error) {
    return error instanceof WebClientRequestException || error instanceof TimeoutException;
  }

  @Override
  public void destroy() {
    connections.dispose();
  }
}
