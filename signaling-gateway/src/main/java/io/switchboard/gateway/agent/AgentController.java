package io.switchboard.gateway.agent;

import io.switchboard.gateway.audit.AuditDetails;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentStatusChanged;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Agents sign in and change status; each request answers once its event is on agent.events. An agent
 * acts only as itself; an admin signs agents in, and a supervisor or an admin sets their status.
 */
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
  Mono<Map<String, Object>> signIn(@PathVariable String agentId, Caller caller,
      @Valid @RequestBody(required = false) SignInRequest body, ServerWebExchange exchange) {
    RequestIds.id("agentId", agentId);
    requireSelfOr(caller, agentId, "sign in agent " + agentId, Role.ADMIN);
    String tenant = caller.tenant();
    SignInRequest request = body == null ? SignInRequest.EMPTY : body;
    AuditDetails.put(exchange, "operation", "sign-in");
    if (request.skills() != null) {
      AuditDetails.put(exchange, "skills", request.skills().stream()
          .map(skill -> skill.name() + ":" + skill.level()).collect(Collectors.joining(",")));
    }
    if (request.queues() != null) {
      AuditDetails.put(exchange, "queues", String.join(",", request.queues()));
    }
    AuditDetails.put(exchange, "capacity", request.capacity());
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
  Mono<Map<String, Object>> status(@PathVariable String agentId, Caller caller,
      @Valid @RequestBody StatusRequest body, ServerWebExchange exchange) {
    RequestIds.id("agentId", agentId);
    requireSelfOr(caller, agentId, "set the status of agent " + agentId, Role.SUPERVISOR, Role.ADMIN);
    String tenant = caller.tenant();
    AgentStatusChanged change = body.toPayload();
    AuditDetails.put(exchange, "status", change.getStatus());
    AuditDetails.put(exchange, "reason", change.getReason());
    AgentEvent event = events.agent(tenant, agentId, change);
    return publisher.agent(event).then(Mono.fromSupplier(() -> {
      try (CallLog ignored = CallLog.of(null, agentId)) {
        log.info("Agent {} is now {}", agentId, change.getStatus());
      }
      return Map.of("agentId", agentId, "tenantId", tenant, "status", change.getStatus().name(),
          "eventId", event.getEventId().toString());
    }));
  }

  /** An agent may act as itself only (its token's agent id); {@code others} may act for any agent. */
  private static void requireSelfOr(Caller caller, String agentId, String action, Role... others) {
    if (!caller.isAgent(agentId) && !caller.isAny(others)) {
      throw caller.is(Role.AGENT)
          ? new ApiException(HttpStatus.FORBIDDEN, "Not allowed to " + action + ": an agent acts only as itself ("
              + caller.agentId() + ")")
          : Caller.forbidden(action, others);
    }
  }
}
