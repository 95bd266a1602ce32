package io.switchboard.gateway.call;

import io.switchboard.gateway.web.RequestIds;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Call history and reports belong to the call-state service (docs/call-state.md, *Read API*): the
 * gateway forwards these reads with the caller's tenant, query and {@code Accept} (JSON or CSV), and
 * streams the answer back as it comes. Only the paths listed here are forwarded.
 */
@RestController
class HistoryController {

  private final CallStateClient callState;

  HistoryController(CallStateClient callState) {
    this.callState = callState;
  }

  @GetMapping({"/api/v1/calls", "/api/v1/calls/active", "/api/v1/reports/calls/summary", "/api/v1/reports/queues",
      "/api/v1/reports/queues/live", "/api/v1/reports/queues/intervals", "/api/v1/reports/agents"})
  Mono<ResponseEntity<Flux<DataBuffer>>> forward(ServerHttpRequest request,
      @RequestHeader(name = RequestIds.TENANT_HEADER, required = false) String tenantHeader) {
    String tenant = RequestIds.tenant(tenantHeader);
    return callState.query(tenant, request.getPath().value(), request.getURI().getRawQuery(),
        request.getHeaders().getAccept());
  }
}
