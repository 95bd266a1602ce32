package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Offer;
import io.switchboard.routing.queue.RoutedCall.Phase;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallPriorityChanged;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.NumberTransferFailed;
import io.switchboard.schemas.avro.NumberTransferRequested;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.TransferTargetType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Routes on call events (already keyed by tenant): queue, priority change, forced assignment, answer, decline,
 * transfer, end. Key presses ({@code DtmfReceived}) and transfers to a number not yet answered
 * ({@code NumberTransferRequested}, {@code NumberTransferFailed}) are ignored.
 */
final class CallEventProcessor implements Processor<String, CallEvent, String, RoutingDecision> {

  private static final Logger log = LoggerFactory.getLogger(CallEventProcessor.class);

  private final RoutingSettings settings;
  private RoutingStores stores;
  private Decisions decisions;
  private Dispatcher dispatcher;
  private Reservations reservations;
  private Callbacks callbacks;
  private Limits limits;
  private ForcedAssignment forced;
  private Transfers transfers;

  CallEventProcessor(RoutingSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, RoutingDecision> context) {
    stores = RoutingStores.of(context);
    decisions = new Decisions(context, settings.source());
    dispatcher = new Dispatcher(stores, decisions, settings, context::currentSystemTimeMs);
    reservations = new Reservations(stores, decisions, dispatcher);
    callbacks = new Callbacks(stores, decisions, dispatcher, reservations);
    limits = new Limits(stores, decisions, dispatcher, callbacks);
    forced = new ForcedAssignment(stores, decisions, dispatcher);
    transfers = new Transfers(stores, dispatcher, forced, this::enter);
    ReservationExpiry expiry = new ReservationExpiry(stores, dispatcher, reservations);
    WaitTimers timers = new WaitTimers(stores, dispatcher, limits);
    // Wall-clock time: an offer must expire, a skill requirement relax, a limit apply, even with no event.
    context.schedule(settings.reservationCheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
      expiry.expire(now);
      timers.fire(now);
    });
  }

  @Override
  public void process(Record<String, CallEvent> record) {
    CallEvent event = record.value();
    String tenant = event.getTenantId();
    String callId = event.getCallId();
    long at = event.getOccurredAt().toEpochMilli();
    Object payload = event.getPayload();
    try (MDC.MDCCloseable c = MDC.putCloseable("callId", callId)) {
      if (payload instanceof DtmfReceived || payload instanceof NumberTransferRequested
          || payload instanceof NumberTransferFailed) {
        // A key pressed on a phone is for the call's parties and its history, not for routing; so is a
        // transfer to a number until the number answers (the media bridge's CallTransferred EXTERNAL).
        return;
      } else if (payload instanceof CallCreated) {
        created(tenant, callId, (CallCreated) payload);
      } else if (payload instanceof CallQueued) {
        queued(tenant, callId, (CallQueued) payload, at);
      } else if (payload instanceof CallPriorityChanged) {
        stores.call(tenant, callId).ifPresentOrElse(
            call -> new PriorityChange(stores, decisions, dispatcher).apply(tenant, call, (CallPriorityChanged) payload),
            () -> log.debug("Ignoring CallPriorityChanged for unknown call {} of tenant {}", callId, tenant));
      } else if (payload instanceof CallbackRequested) {
        stores.call(tenant, callId).ifPresentOrElse(call -> callbacks.requested(tenant, call),
            () -> log.debug("Ignoring CallbackRequested for unknown call {} of tenant {}", callId, tenant));
      } else if (payload instanceof CallAssignmentRequested) {
        forced.requested(tenant, callId, (CallAssignmentRequested) payload);
      } else if (payload instanceof CallAnswered) {
        CallAnswered answered = (CallAnswered) payload;
        openOffer(tenant, callId, answered.getAgentId(), answered.getReservationId())
            .ifPresent(found -> reservations.answered(tenant, found.call(), found.offer(), at));
      } else if (payload instanceof CallDeclined) {
        CallDeclined declined = (CallDeclined) payload;
        String reason = declined.getReason();
        openOffer(tenant, callId, declined.getAgentId(), declined.getReservationId())
            .ifPresent(found -> reservations.refused(tenant, found.call(), found.offer(), false,
                "declined by agent " + found.offer().agentId() + (reason == null || reason.isBlank() ? "" : ": " + reason)));
      } else if (payload instanceof CallTransferred transferred) {
        if (transferred.getTargetType() == TransferTargetType.EXTERNAL) {
          ended(tenant, callId, CallOutcome.TRANSFERRED, at); // the call leaves the contact center
        } else {
          transfers.transferred(tenant, callId, transferred, at);
        }
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
    enter(tenant, call, queued.getQueue(), at, "").ifPresent(queues -> dispatcher.dispatch(tenant, queues));
  }

  /**
   * Puts the call into {@code queue} (a connected call's agent is released first), or leaves it as it
   * was when the queue's limits refuse it. The queues to dispatch, which the caller does.
   */
  private Optional<Set<String>> enter(String tenant, RoutedCall call, String queue, long at, String why) {
    if (!limits.admit(tenant, call.callId(), queue)) {
      return Optional.empty(); // Refused with a reason; the call stays as it was, and its owner ends it.
    }
    Set<String> queues = new LinkedHashSet<>(List.of(queue));
    if (call.is(Phase.CONNECTED)) {
      // Transferred back to a queue: the agent who had it is free again.
      queues.addAll(endConnected(tenant, call, at));
    }
    QueueRules rules = dispatcher.rulesOf(tenant, queue);
    CallPriority priority = rules.priority(call);
    RoutedCall waiting = dispatcher.enqueue(tenant, call.waiting(queue, priority.value(), at), rules);
    decisions.queued(tenant, waiting, stores.position(tenant, waiting),
        why + "entered queue " + waiting.queue() + " at priority " + priority.value() + " (" + priority.explanation() + ")"
            + (rules.agingPointsPerMinute() > 0 ? ", gaining " + rules.agingPointsPerMinute() + " per minute waited" : ""));
    return Optional.of(queues);
  }

  private void ended(String tenant, String callId, CallOutcome outcome, long at) {
    Optional<RoutedCall> known = stores.call(tenant, callId);
    if (known.isEmpty()) {
      log.debug("Ignoring CallEnded for unknown call {} of tenant {}", callId, tenant);
      return;
    }
    RoutedCall call = known.get();
    if (call.callback() && outcome == CallOutcome.ABANDONED && (call.is(Phase.WAITING) || call.is(Phase.OFFERED))) {
      // The caller hanging up is what a callback caller does: the callback keeps its place.
      log.debug("Caller of callback {} of tenant {} left the line; the callback stays", callId, tenant);
      return;
    }
    Set<String> queues = new LinkedHashSet<>();
    switch (call.phase()) {
      case WAITING -> {
        stores.removeWaiting(tenant, call);
        if (call.callback()) {
          log.info("Callback {} of tenant {} cancelled ({}) in queue {}", callId, tenant, outcome, call.queue());
        } else if (outcome == CallOutcome.ABANDONED) {
          long waitedMs = Math.max(0, at - call.enqueuedAt());
          decisions.abandoned(tenant, call, waitedMs,
              "caller abandoned after waiting " + waitedMs + " ms in queue " + call.queue());
        }
      }
      case OFFERED -> {
        stores.removeReservation(tenant, call);
        for (Offer offer : call.offers()) {
          stores.agent(tenant, offer.agentId()).ifPresent(agent -> stores.put(tenant, agent.releaseOffer(callId)));
          decisions.rejected(tenant, call, offer, "call ended (" + outcome + ") before agent " + offer.agentId()
              + " answered");
          queues.addAll(dispatcher.queuesOf(tenant, offer.agentId(), null));
        }
        if (outcome == CallOutcome.ABANDONED) {
          // A caller who hangs up while agents ring has abandoned the queue as much as one still waiting.
          long waitedMs = Math.max(0, at - call.enqueuedAt());
          decisions.abandoned(tenant, call, waitedMs, "caller abandoned after waiting " + waitedMs
              + " ms in queue " + call.queue() + ", while agent" + (call.offers().size() == 1 ? " " : "s ")
              + call.offers().stream().map(Offer::agentId).collect(Collectors.joining(", ")) + " rang");
        }
      }
      case CONNECTED -> queues.addAll(endConnected(tenant, call, at));
      default -> log.debug("Call {} of tenant {} ended before it was queued", callId, tenant);
    }
    stores.deleteCall(tenant, callId);
    dispatcher.dispatch(tenant, queues);
  }

  /** Frees the agent of a connected call: talk time counted, wrap-up of the call's queue started. */
  private Set<String> endConnected(String tenant, RoutedCall call, long at) {
    long wrapUpMs = dispatcher.rulesOf(tenant, call.queue()).wrapUpMs();
    stores.agent(tenant, call.agentId()).ifPresent(agent -> {
      stores.put(tenant, agent.endCall(call.callId(), at, at - call.connectedAt(), wrapUpMs));
      if (wrapUpMs > 0) {
        stores.addTimer(at + wrapUpMs, tenant, Dispatcher.AGENT_TIMER, agent.agentId());
      }
    });
    return dispatcher.queuesOf(tenant, call.agentId(), null);
  }

  private record OpenOffer(RoutedCall call, Offer offer) {}

  /** The call's open offer the event names (a null agent or reservation id matches any). */
  private Optional<OpenOffer> openOffer(String tenant, String callId, String agentId, String reservationId) {
    Optional<OpenOffer> found = stores.call(tenant, callId)
        .filter(call -> call.is(Phase.OFFERED))
        .flatMap(call -> call.offer(agentId, reservationId).map(offer -> new OpenOffer(call, offer)));
    if (found.isEmpty()) {
      log.debug("Ignoring answer or decline of call {} of tenant {}: no matching open offer", callId, tenant);
    }
    return found;
  }
}
