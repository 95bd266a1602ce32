package io.switchboard.routing.queue;

import io.switchboard.routing.queue.PriorityRules.Priority;
import io.switchboard.routing.queue.RoutedCall.Phase;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.RoutingDecision;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Routes on call events (already keyed by tenant): queue, answer, decline, end. */
final class CallEventProcessor implements Processor<String, CallEvent, String, RoutingDecision> {

  private static final Logger log = LoggerFactory.getLogger(CallEventProcessor.class);

  private final RoutingSettings settings;
  private RoutingStores stores;
  private Decisions decisions;
  private Dispatcher dispatcher;

  CallEventProcessor(RoutingSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, RoutingDecision> context) {
    stores = RoutingStores.of(context);
    decisions = new Decisions(context, settings.source());
    dispatcher = new Dispatcher(stores, decisions, settings.reservationTimeout(), context::currentSystemTimeMs);
    ReservationExpiry expiry = new ReservationExpiry(stores, decisions, dispatcher, settings.reservationTimeout());
    // Wall-clock time: an offer must expire even when no new event arrives to move stream time.
    context.schedule(settings.reservationCheckInterval(), PunctuationType.WALL_CLOCK_TIME, expiry::expire);
  }

  @Override
  public void process(Record<String, CallEvent> record) {
    CallEvent event = record.value();
    String tenant = event.getTenantId();
    String callId = event.getCallId();
    long at = event.getOccurredAt().toEpochMilli();
    Object payload = event.getPayload();
    try (MDC.MDCCloseable c = MDC.putCloseable("callId", callId)) {
      if (payload instanceof CallCreated) {
        created(tenant, callId, (CallCreated) payload);
      } else if (payload instanceof CallQueued) {
        queued(tenant, callId, (CallQueued) payload, at);
      } else if (payload instanceof CallAnswered) {
        CallAnswered answered = (CallAnswered) payload;
        openOffer(tenant, callId, answered.getAgentId(), answered.getReservationId())
            .ifPresent(call -> answered(tenant, call));
      } else if (payload instanceof CallDeclined) {
        CallDeclined declined = (CallDeclined) payload;
        openOffer(tenant, callId, declined.getAgentId(), declined.getReservationId())
            .ifPresent(call -> declined(tenant, call, declined.getReason()));
      } else if (payload instanceof CallEnded) {
        ended(tenant, callId, ((CallEnded) payload).getOutcome(), at);
      }
      // Other call events (ringing, hold, participants) do not change routing.
    }
  }

  private void created(String tenant, String callId, CallCreated created) {
    if (stores.call(tenant, callId).isPresent()) {
      log.debug("Call {} of tenant {} already known; ignoring a repeated CallCreated", callId, tenant);
      return;
    }
    stores.put(tenant, RoutedCall.created(callId, created.getDirection().name(), created.getAttributes(),
        created.getTags()));
  }

  private void queued(String tenant, String callId, CallQueued queued, long at) {
    RoutedCall call = stores.call(tenant, callId).orElseGet(() -> {
      // Routing a call without its attributes beats losing it.
      log.debug("Call {} of tenant {} queued without a CallCreated; base priority only", callId, tenant);
      return RoutedCall.created(callId, null, Map.of(), List.of());
    });
    if (call.is(Phase.WAITING) || call.is(Phase.OFFERED)) {
      log.debug("Call {} of tenant {} is already {}; ignoring CallQueued", callId, tenant, call.phase());
      return;
    }
    Set<String> queues = new LinkedHashSet<>(List.of(queued.getQueue()));
    if (call.is(Phase.CONNECTED)) {
      // Transferred back to a queue: the agent who had it is free again.
      queues.addAll(dispatcher.queuesOf(tenant, call.agentId(), null));
      stores.agent(tenant, call.agentId()).ifPresent(agent -> stores.put(tenant, agent.endCall(callId, at)));
    }
    Priority priority = settings.priorityRules().score(call.direction(), call.attributes(), call.tags());
    RoutedCall waiting = call.waiting(queued.getQueue(), priority.value(), at);
    stores.put(tenant, waiting);
    stores.addWaiting(tenant, waiting);
    decisions.queued(tenant, waiting, stores.position(tenant, waiting),
        "entered queue " + waiting.queue() + " at priority " + priority.value() + " (" + priority.explanation() + ")");
    dispatcher.dispatch(tenant, queues);
  }

  private void answered(String tenant, RoutedCall offered) {
    stores.removeReservation(tenant, offered);
    stores.agent(tenant, offered.agentId())
        .ifPresent(agent -> stores.put(tenant, agent.accept(offered.callId())));
    stores.put(tenant, offered.connected());
    decisions.accepted(tenant, offered, "agent " + offered.agentId() + " answered");
  }

  private void declined(String tenant, RoutedCall offered, String reason) {
    dispatcher.returnToQueue(tenant, offered);
    decisions.rejected(tenant, offered,
        "declined by agent " + offered.agentId() + (reason == null || reason.isBlank() ? "" : ": " + reason));
    dispatcher.dispatch(tenant, dispatcher.queuesOf(tenant, offered.agentId(), offered.queue()));
  }

  private void ended(String tenant, String callId, CallOutcome outcome, long at) {
    Optional<RoutedCall> known = stores.call(tenant, callId);
    if (known.isEmpty()) {
      log.debug("Ignoring CallEnded for unknown call {} of tenant {}", callId, tenant);
      return;
    }
    RoutedCall call = known.get();
    Set<String> queues = new LinkedHashSet<>();
    switch (call.phase()) {
      case WAITING -> {
        stores.removeWaiting(tenant, call);
        if (outcome == CallOutcome.ABANDONED) {
          long waitedMs = Math.max(0, at - call.enqueuedAt());
          decisions.abandoned(tenant, call, waitedMs,
              "caller abandoned after waiting " + waitedMs + " ms in queue " + call.queue());
        }
      }
      case OFFERED -> {
        stores.removeReservation(tenant, call);
        stores.agent(tenant, call.agentId()).ifPresent(agent -> stores.put(tenant, agent.releaseOffer(callId)));
        decisions.rejected(tenant, call, "call ended (" + outcome + ") before agent " + call.agentId() + " answered");
        queues.addAll(dispatcher.queuesOf(tenant, call.agentId(), null));
      }
      case CONNECTED -> {
        stores.agent(tenant, call.agentId()).ifPresent(agent -> stores.put(tenant, agent.endCall(callId, at)));
        queues.addAll(dispatcher.queuesOf(tenant, call.agentId(), null));
      }
      default -> log.debug("Call {} of tenant {} ended before it was queued", callId, tenant);
    }
    stores.deleteCall(tenant, callId);
    dispatcher.dispatch(tenant, queues);
  }

  /** The call's open offer, if the event names it (a null agent or reservation id matches any). */
  private Optional<RoutedCall> openOffer(String tenant, String callId, String agentId, String reservationId) {
    Optional<RoutedCall> offer = stores.call(tenant, callId)
        .filter(call -> call.is(Phase.OFFERED))
        .filter(call -> agentId == null || agentId.equals(call.agentId()))
        .filter(call -> reservationId == null || reservationId.equals(call.reservationId()));
    if (offer.isEmpty()) {
      log.debug("Ignoring answer or decline of call {} of tenant {}: no matching open offer", callId, tenant);
    }
    return offer;
  }
}
