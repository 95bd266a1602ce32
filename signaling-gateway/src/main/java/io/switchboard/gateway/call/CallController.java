package io.switchboard.gateway.call;

import io.switchboard.gateway.audit.AuditDetails;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.call.CallState;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Create, read, re-prioritise, force-assign and end calls, and ask for a callback. Writes go to call.events; reads
 * are forwarded to call-state. Who may do what to which call is {@link CallAccess}.
 */
@RestController
@RequestMapping("/api/v1/calls")
class CallController {

  private static final Logger log = LoggerFactory.getLogger(CallController.class);

  /** A call's priority matters until an agent answers: waiting, or offered and maybe rescinded. */
  private static final Set<CallState> PRIORITY_STATES = EnumSet.of(CallState.QUEUED, CallState.RINGING);
  /** Only a call waiting in its queue can be offered to an agent of the supervisor's choosing. */
  private static final Set<CallState> ASSIGN_STATES = EnumSet.of(CallState.QUEUED);
  /** A callback replaces waiting in the queue, so only a waiting call can ask for one. */
  private static final Set<CallState> CALLBACK_STATES = EnumSet.of(CallState.QUEUED);

  private final EventFactory events;
  private final EventPublisher publisher;
  private final CallStateClient callState;

  CallController(EventFactory events, EventPublisher publisher, CallStateClient callState) {
    this.events = events;
    this.publisher = publisher;
    this.callState = callState;
  }

  @PostMapping
  Mono<ResponseEntity<Map<String, String>>> create(Caller caller, @Valid @RequestBody CreateCallRequest request) {
    caller.require("create calls", Role.CUSTOMER);
    request.requireKnownMedia();
    CreateCallRequest body = inItsQueue(caller, request);
    String tenant = caller.tenant();
    String callId = UUID.randomUUID().toString();
    // The customer of the call is the caller, never a client-given id: ownership depends on it.
    var created = events.call(tenant, callId, body.toPayload(caller.subject()));
    var queued = events.call(tenant, callId, new CallQueued(body.queue(), null));
    // Sequential sends on one key: CallQueued is written only after CallCreated is acknowledged.
    return publisher.call(created).then(publisher.call(queued)).then(Mono.fromSupplier(() -> {
      try (CallLog ignored = CallLog.of(callId, null)) {
        log.info("Call {} created in queue {} of tenant {}", callId, body.queue(), tenant);
      }
      return ResponseEntity.created(URI.create("/api/v1/calls/" + callId)).body(Map.of("callId", callId));
    }));
  }

  /**
   * An agent's call out from its SIP phone: {@code CallCreated} (OUTBOUND, SIP, the number as customer and
   * {@code toAddress}), {@code CallQueued} in the given queue, and {@code CallAssignmentRequested} to the
   * agent itself; the routing engine offers it to that agent, and the media bridge that holds the agent's
   * phone rings the phone and then dials the number over the tenant's outbound trunk.
   */
  @PostMapping("/outbound")
  Mono<ResponseEntity<Map<String, String>>> outbound(Caller caller, @Valid @RequestBody OutboundCallRequest body) {
    caller.require("place calls", Role.AGENT);
    if (caller.agentId() == null) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Only an agent places calls out: the token names no agent");
    }
    String tenant = caller.tenant();
    String agentId = caller.agentId();
    String callId = UUID.randomUUID().toString();
    String queue = body.queueOrDefault();
    var created = events.call(tenant, callId, CallCreated.newBuilder()
        .setDirection(CallDirection.OUTBOUND)
        .setChannel(CallChannel.SIP)
        .setCustomerId(body.number())
        .setFromAddress(agentId)
        .setToAddress(body.number())
        .setQueue(queue)
        .setAttributes(Map.of("placedBy", agentId))
        .setTags(List.of())
        .build());
    var queued = events.call(tenant, callId, new CallQueued(queue, null));
    var assigned = events.call(tenant, callId, new CallAssignmentRequested(agentId, agentId));
    return publisher.call(created).then(publisher.call(queued)).then(publisher.call(assigned))
        .then(Mono.fromSupplier(() -> {
          try (CallLog ignored = CallLog.of(callId, agentId)) {
            log.info("Call {} out to {} placed by agent {} in queue {}", callId, body.number(), agentId, queue);
          }
          return ResponseEntity.created(URI.create("/api/v1/calls/" + callId)).body(Map.of("callId", callId));
        }));
  }

  /** A widget key that names a queue sends its calls there; the page may repeat it, not choose another. */
  private static CreateCallRequest inItsQueue(Caller caller, CreateCallRequest body) {
    String keyQueue = caller.widget() == null ? null : caller.widget().queue();
    if (keyQueue == null) {
      if (body.queue() == null || body.queue().isBlank()) {
        throw ApiException.badRequest("Invalid request: queue must not be blank");
      }
      return body;
    }
    if (body.queue() != null && !body.queue().equals(keyQueue)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Not allowed to call queue " + body.queue()
          + ": the calls of widget key " + caller.widget().keyId() + " go to queue " + keyQueue);
    }
    return body.inQueue(keyQueue);
  }

  @GetMapping("/{callId}")
  Mono<ResponseEntity<String>> get(@PathVariable String callId, Caller caller) {
    return CallAccess.READ.read(callState, caller, RequestIds.id("callId", callId));
  }

  @PostMapping("/{callId}/end")
  Mono<ResponseEntity<Map<String, String>>> end(@PathVariable String callId, Caller caller,
      @Valid @RequestBody(required = false) EndCallRequest body) {
    RequestIds.id("callId", callId);
    String tenant = caller.tenant();
    String reason = body == null ? null : body.reason();
    return CallAccess.END.find(callState, caller, callId)
        .switchIfEmpty(Mono.error(() -> CallAccess.notFound(callId)))
        .flatMap(call -> {
          CallOutcome outcome = EndOutcomes.forState(call.state()).orElseThrow(
              () -> ApiException.conflict("Call " + callId + " is already " + call.state()));
          String endedBy = caller.agentId() != null ? caller.agentId() : caller.subject();
          var ended = events.call(tenant, callId, new CallEnded(outcome, reason, endedBy));
          return publisher.call(ended).then(Mono.fromSupplier(() -> {
            try (CallLog ignored = CallLog.of(callId, call.agentId())) {
              log.info("Call {} ended from {} as {}", callId, call.state(), outcome);
            }
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("callId", callId, "outcome", outcome.name()));
          }));
        });
  }

  @PatchMapping("/{callId}")
  Mono<ResponseEntity<Map<String, Object>>> patch(@PathVariable String callId, Caller caller,
      @Valid @RequestBody PatchCallRequest body, ServerWebExchange exchange) {
    RequestIds.id("callId", callId);
    CallAccess.PRIORITY.requireRole(caller);
    String tenant = caller.tenant();
    if (body.changesNothing()) {
      throw ApiException.badRequest("Give at least one of priority, attributes or tags");
    }
    // Attribute names only: their values may be the customer's data.
    AuditDetails.put(exchange, "priority", body.priority());
    AuditDetails.put(exchange, "attributes", body.attributes() == null ? null
        : body.attributes().keySet().stream().sorted().collect(Collectors.joining(",")));
    AuditDetails.put(exchange, "tags", body.tags() == null ? null : String.join(",", body.tags()));
    return whileWaiting(caller, CallAccess.PRIORITY, callId, PRIORITY_STATES, "change its priority", call -> {
      var changed = events.call(tenant, callId, body.toPayload());
      return publisher.call(changed).then(Mono.fromSupplier(() -> {
        try (CallLog ignored = CallLog.of(callId, call.agentId())) {
          log.info("Call {} priority change requested while {}: {}", callId, call.state(), changed.getPayload());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("callId", callId);
        answer.put("eventId", changed.getEventId().toString());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
      }));
    });
  }

  /**
   * A supervisor's forced assignment: the routing engine offers the waiting call to that agent, or
   * refuses on routing.decisions (AssignmentRefused) when the agent cannot take it; hence 202.
   */
  @PostMapping("/{callId}/assign")
  Mono<ResponseEntity<Map<String, Object>>> assign(@PathVariable String callId, Caller caller,
      @Valid @RequestBody AssignRequest body, ServerWebExchange exchange) {
    RequestIds.id("callId", callId);
    CallAccess.ASSIGN.requireRole(caller);
    String tenant = caller.tenant();
    AuditDetails.put(exchange, "agentId", body.agentId());
    return whileWaiting(caller, CallAccess.ASSIGN, callId, ASSIGN_STATES, "be assigned to an agent", call -> {
      var requested = events.call(tenant, callId, body.toPayload(caller.subject()));
      return publisher.call(requested).then(Mono.fromSupplier(() -> {
        try (CallLog ignored = CallLog.of(callId, body.agentId())) {
          log.info("Call {} force-assigned to agent {} by {}", callId, body.agentId(), caller.subject());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("callId", callId);
        answer.put("agentId", body.agentId());
        answer.put("eventId", requested.getEventId().toString());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
      }));
    });
  }

  @PostMapping("/{callId}/callback")
  Mono<ResponseEntity<Map<String, Object>>> callback(@PathVariable String callId, Caller caller,
      @Valid @RequestBody(required = false) CallbackRequest body) {
    RequestIds.id("callId", callId);
    String tenant = caller.tenant();
    String number = body == null ? null : body.number();
    return whileWaiting(caller, CallAccess.CALLBACK, callId, CALLBACK_STATES, "be called back", call -> {
      var requested = events.call(tenant, callId, new CallbackRequested(number));
      return publisher.call(requested).then(Mono.fromSupplier(() -> {
        try (CallLog ignored = CallLog.of(callId, null)) {
          log.info("Call {} asked to be called back", callId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("callId", callId);
        answer.put("number", number);
        answer.put("eventId", requested.getEventId().toString());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
      }));
    });
  }

  /** Runs {@code action} if the caller may and call-state has the call in one of {@code allowed}: else 403, 404 or 409. */
  private <T> Mono<T> whileWaiting(Caller caller, CallAccess access, String callId, Set<CallState> allowed,
      String what, Function<CallView, Mono<T>> action) {
    return access.find(callState, caller, callId)
        .switchIfEmpty(Mono.error(() -> CallAccess.notFound(callId)))
        .flatMap(call -> allowed.contains(call.state()) ? action.apply(call)
            : Mono.error(ApiException.conflict("Call " + callId + " is " + call.state() + "; only "
                + allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(" or "))
                + " calls can " + what)));
  }
}
