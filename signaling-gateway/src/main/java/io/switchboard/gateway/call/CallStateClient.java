package io.switchboard.gateway.call;

import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/** Read-only queries to the call-state service; fails with a 503 ApiException when it is unreachable. */
interface CallStateClient {

  /** call-state's answer to {@code GET /api/v1/calls/{callId}}, status and JSON body as they are. */
  Mono<ResponseEntity<String>> get(String tenantId, String callId);

  /** The call, or empty when call-state does not know it for this tenant. */
  Mono<CallView> find(String tenantId, String callId);
}
