package io.switchboard.callstate.query;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The audit events of the caller's tenant, newest first, a page at a time (docs/call-state.md). */
@RestController
class AuditController {

  private final AuditQueries audit;

  AuditController(AuditQueries audit) {
    this.audit = audit;
  }

  @GetMapping("/api/v1/audit")
  Mono<Page<AuditView>> audit(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String actor,
      @RequestParam(required = false) List<String> action, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String limit,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    return audit.page(tenantId, AuditFilter.parse(from, to, actor, action, cursor, limit));
  }
}
