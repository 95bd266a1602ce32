package io.switchboard.callstate.query;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/calls/{callId}}: the projected view of one call of the caller's tenant. */
@RestController
@RequestMapping("/api/v1/calls")
class CallController {

  private final CallQueries calls;

  CallController(CallQueries calls) {
    this.calls = calls;
  }

  @GetMapping("/{callId}")
  Mono<CallView> call(@PathVariable String callId,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    return calls.find(tenantId, callId)
        .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND,
            "Call " + callId + " not found for tenant " + tenantId)));
  }
}
