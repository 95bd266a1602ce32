package io.switchboard.gateway.agent;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentStatusChanged;
import jakarta.validation.Valid;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Agents sign in and change status; each request answers once its event is on agent.events. */
@RestController
@RequestMapping("/api/v1/agents/{agentId}")
class AgentController {

  private static final Logger log = LoggerFactory.getLogger(AgentController.class);

  private final EventFactory events;
  private final EventPublisher publisher;

  AgentController(EventFactory events, EventPublisher publisher) {
    this.events = events;
    this.publisher = publisher;
  }

  @PostMapping("/sign-in")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Map<String, Object>> signIn(@PathVariable String agentId,
      @RequestHeader(name = RequestIds.TENANT_HEADER, required = false) String tenantHeader,
      @Valid @RequestBody(required = false) SignInRequest body) {
    String tenant = RequestIds.tenant(tenantHeader);
    RequestIds.id("agentId", agentId);
    SignInRequest request = body == null ? SignInRequest.EMPTY : body;
    AgentEvent event = events.agent(tenant, agentId, request.toPayload());
    return publisher.agent(event).then(Mono.fromSupplier(() -> {
      try (CallLog ignored = CallLog.of(null, agentId)) {
        log.info("Agent {} signed in to tenant {}", agentId, tenant);
      }
      return Map.of("agentId", agentId, "tenantId", tenant, "status", "OFFLINE",
          "eventId", event.getEventId().toString());
    }));
  }

  @PutMapping("/status")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Map<String, Object>> status(@PathVariable String agentId,
      @RequestHeader(name = RequestIds.TENANT_HEADER, required = false) String tenantHeader,
      @Valid @RequestBody StatusRequest body) {
    String tenant = RequestIds.tenant(tenantHeader);
    RequestIds.id("agentId", agentId);
    AgentStatusChanged change = body.toPayload();
    AgentEvent event = events.agent(tenant, agentId, change);
    return publisher.agent(event).then(Mono.fromSupplier(() -> {
      try (CallLog ignored = CallLog.of(null, agentId)) {
        log.info("Agent {} is now {}", agentId, change.getStatus());
      }
      return Map.of("agentId", agentId, "tenantId", tenant, "status", change.getStatus().name(),
          "eventId", event.getEventId().toString());
    }));
  }
}
