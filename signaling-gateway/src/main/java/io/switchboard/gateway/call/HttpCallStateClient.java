package io.switchboard.gateway.call;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.ServiceCredentials;
import io.switchboard.gateway.web.Upstream;
import org.springframework.beans.factory.DisposableBean;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/** Talks to call-state over HTTP with a connection pool of its own, released with the context. */
final class HttpCallStateClient implements CallStateClient, DisposableBean {

  private static final String CALL_PATH = "/api/v1/calls/{callId}";

  private final Upstream callState;
  private final CallStateProperties properties;

  HttpCallStateClient(CallStateProperties properties, ServiceCredentials credentials) {
    this.properties = properties;
    this.callState =
        new Upstream("call-state", properties.callStateUrl(), properties.callStateTimeout(), credentials);
  }

  @Override
  public Mono<ResponseEntity<String>> get(String tenantId, String callId) {
    return callState.get(tenantId, CALL_PATH, callId);
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
        return Mono.just(CallView.parse(response.getBody()));
      } catch (JacksonException e) {
        return Mono.error(ApiException.unavailable("The call-state service answered an unreadable call: "
            + e.getOriginalMessage()));
      }
    });
  }

  @Override
  public Mono<ResponseEntity<Flux<DataBuffer>>> query(String tenantId, String path, String rawQuery,
      List<MediaType> accept) {
    return callState.stream(tenantId, path, rawQuery, accept);
  }

  @Override
  public void destroy() {
    callState.close();
  }
}
