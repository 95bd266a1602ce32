package io.switchboard.gateway.call;

import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Read-only queries to the call-state service; fails with a 503 ApiException when it is unreachable. */
interface CallStateClient {

  /** call-state's answer to {@code GET /api/v1/calls/{callId}}, status and JSON body as they are. */
  Mono<ResponseEntity<String>> get(String tenantId, String callId);

  /** The call, or empty when call-state does not know it for this tenant. */
  Mono<CallView> find(String tenantId, String callId);

  /** call-state's answer to a history or report query, streamed as it comes (JSON or CSV). */
  Mono<ResponseEntity<Flux<DataBuffer>>> query(String tenantId, String path, String rawQuery, List<MediaType> accept);
}
