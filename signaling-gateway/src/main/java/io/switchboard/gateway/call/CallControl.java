package io.switchboard.gateway.call;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.sip.DialedNumbers;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.CallWrappedUp;
import io.switchboard.schemas.avro.NumberTransferRequested;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.call.CallState;
import io.switchboard.schemas.call.CallStateMachine;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Call control by the call's agent (or a supervisor): hold, resume, media, blind transfer, wrap-up. Independent
 * of the transport: REST ({@code CallControlController}) and WebSocket commands call the same methods. Each
 * reads the call from call-state, judges it by the call state machine and publishes one event on call.events;
 * refusals are {@link ApiException}s (403 for a role that may not, 404 for a call not found or not the
 * caller's, 409 for a call in the wrong state, 400 for a bad target).
 */
@Component
public class CallControl {

  private static final Logger log = LoggerFactory.getLogger(CallControl.class);

  /** Hold is CONNECTED -> ON_HOLD, or ON_HOLD after a lost media path (CallStateMachine). */
  private static final Set<CallState> HOLD_STATES = EnumSet.of(CallState.CONNECTED, CallState.RECONNECTING);
  /** Media can change while there is media: answered, on hold, or reconnecting. */
  /** The participant id of a call's customer, in participant events and quality samples. */
  public static final String CUSTOMER = "customer";

  private static final Set<CallState> MEDIA_STATES = EnumSet.of(CallState.CONNECTED, CallState.ON_HOLD,
      CallState.RECONNECTING);
  /** An answered call, held or not, goes back to a queue (CallStateMachine: CONNECTED, ON_HOLD -> QUEUED). */
  private static final Set<CallState> TRANSFER_STATES = EnumSet.of(CallState.CONNECTED, CallState.ON_HOLD);
  /** Only an answered call that ended normally has after-call work. */
  private static final Set<CallState> WRAP_UP_STATES = EnumSet.of(CallState.ENDED);
  /** The channel of a call the media bridge holds, as call-state names it. */
  private static final String SIP = "SIP";

  /** A disposition code: what the wrap-up says became of the call. */
  public static final String DISPOSITION = "[A-Za-z0-9_.:-]{1,64}";
  public static final int MAX_NOTES = 2000;

  /** What a control did: the event published and the state the call was in. */
  public record Controlled(String callId, String eventId, CallState from) {}

  /** A participant's media flags; null leaves that medium as it is. */
  public record Media(Boolean audio, Boolean video, Boolean screenShare) {
    boolean changesNothing() {
      return audio == null && video == null && screenShare == null;
    }
  }

  private final EventFactory events;
  private final EventPublisher publisher;
  private final CallStateClient callState;

  CallControl(EventFactory events, EventPublisher publisher, CallStateClient callState) {
    this.events = events;
    this.publisher = publisher;
    this.callState = callState;
  }

  /** Puts a connected call on hold: {@code CallHeld}, by the caller. */
  public Mono<Controlled> hold(Caller caller, String callId) {
    return control(caller, CallAccess.HOLD, callId, call -> {
      if (!HOLD_STATES.contains(call.state())) {
        throw refused(call, HOLD_STATES, "be held");
      }
      return new CallHeld(by(caller));
    });
  }

  /** Takes a held call off hold: {@code CallResumed}, by the caller. */
  public Mono<Controlled> resume(Caller caller, String callId) {
    return control(caller, CallAccess.HOLD, callId, call -> {
      if (call.state() != CallState.ON_HOLD) {
        throw refused(call, EnumSet.of(CallState.ON_HOLD), "be resumed");
      }
      return new CallResumed(by(caller));
    });
  }

  /**
   * The caller's own microphone, camera or screen share: {@code ParticipantUpdated} of its agent id, or of
   * {@code customer} for the call's customer (the participant id of its quality samples too).
   */
  public Mono<Controlled> media(Caller caller, String callId, Media media) {
    if (media.changesNothing()) {
      return Mono.error(ApiException.badRequest("Give at least one of audio, video or screenShare"));
    }
    return control(caller, CallAccess.MEDIA, callId, call -> {
      if (!MEDIA_STATES.contains(call.state())) {
        throw refused(call, MEDIA_STATES, "change media");
      }
      String participant = caller.is(Role.CUSTOMER) ? CUSTOMER : caller.agentId();
      return new ParticipantUpdated(participant, media.audio(), media.video(), media.screenShare());
    });
  }

  /**
   * A blind transfer of an answered call to a queue or to an agent ({@code CallTransferred}): the routing engine
   * queues it there, or offers it to that agent, and releases the agent who had it (docs/routing.md). A
   * transfer to a number ({@link TransferTargetType#EXTERNAL}) is {@link #transferToNumber}.
   */
  public Mono<Controlled> transfer(Caller caller, String callId, TransferTargetType type, String target) {
    if (type == TransferTargetType.EXTERNAL) {
      return transferToNumber(caller, callId, target);
    }
    RequestIds.id(type == TransferTargetType.AGENT ? "agentId" : "queue", target);
    return control(caller, CallAccess.TRANSFER, callId, call -> {
      if (!TRANSFER_STATES.contains(call.state())) {
        throw refused(call, TRANSFER_STATES, "be transferred");
      }
      if (type == TransferTargetType.AGENT && target.equals(call.agentId())) {
        throw ApiException.conflict("Call " + callId + " is already agent " + target + "'s call");
      }
      return new CallTransferred(type, target, by(caller));
    });
  }

  /**
   * A blind transfer of an answered SIP call to a number outside the contact center
   * ({@code NumberTransferRequested}): the media bridge that holds the call dials it over the tenant's
   * outbound trunk, and the number's answer is {@code CallTransferred EXTERNAL}, a failure
   * {@code NumberTransferFailed} (docs/media-bridge.md). The number is read as dialled numbers are (separators
   * and a leading + dropped, 2 to 20 digits: 400 otherwise); a call on another channel is a 409, since only
   * the media bridge can dial out.
   */
  private Mono<Controlled> transferToNumber(Caller caller, String callId, String number) {
    String digits = DialedNumbers.normalize(number);
    if (digits == null) {
      return Mono.error(ApiException.badRequest("number must be 2 to 20 digits (spaces, dashes, dots, "
          + "parentheses and a leading + are ignored)"));
    }
    return control(caller, CallAccess.TRANSFER, callId, call -> {
      if (!TRANSFER_STATES.contains(call.state())) {
        throw refused(call, TRANSFER_STATES, "be transferred");
      }
      if (!SIP.equals(call.channel())) {
        throw ApiException.conflict("Call " + callId + " is a " + call.channel() + " call; only SIP calls are "
            + "transferred to a number (the media bridge dials it)");
      }
      return new NumberTransferRequested(digits, by(caller));
    });
  }

  /** The disposition of an ended call, and notes: {@code CallWrappedUp}; the last one counts. */
  public Mono<Controlled> wrapUp(Caller caller, String callId, String disposition, String notes) {
    if (disposition == null || !disposition.matches(DISPOSITION)) {
      return Mono.error(ApiException.badRequest("disposition must match " + DISPOSITION));
    }
    if (notes != null && notes.length() > MAX_NOTES) {
      return Mono.error(ApiException.badRequest("notes must be at most " + MAX_NOTES + " characters"));
    }
    return control(caller, CallAccess.WRAP_UP, callId, call -> {
      if (!WRAP_UP_STATES.contains(call.state()) || call.agentId() == null) {
        throw refused(call, WRAP_UP_STATES, "be wrapped up");
      }
      return new CallWrappedUp(by(caller), disposition, notes);
    });
  }

  private Mono<Controlled> control(Caller caller, CallAccess access, String callId, Function<CallView, Object> judge) {
    return Mono.defer(() -> {
      RequestIds.id("callId", callId);
      return access.find(callState, caller, callId);
    }).switchIfEmpty(Mono.error(() -> CallAccess.notFound(callId)))
        .flatMap(call -> {
          CallEvent event = events.call(caller.tenant(), callId, judge.apply(call));
          return publisher.call(event).then(Mono.fromSupplier(() -> {
            try (CallLog ignored = CallLog.of(callId, call.agentId())) {
              log.info("Call {} in {}: {} by {}", callId, call.state(), event.getPayload().getClass().getSimpleName(),
                  by(caller));
            }
            return new Controlled(callId, event.getEventId().toString(), call.state());
          }));
        });
  }

  /** Who did it: an agent's id, else the token's subject (as {@code endedBy} of the end route). */
  private static String by(Caller caller) {
    return caller.agentId() != null ? caller.agentId() : caller.subject();
  }

  /** A 409 naming the states the control needs and the transitions the call's state allows. */
  private static ApiException refused(CallView call, Set<CallState> allowed, String what) {
    if (allowed.size() == 1 && allowed.contains(call.state())) {
      return ApiException.conflict("Call " + call.callId() + " is already " + call.state());
    }
    Set<CallState> next = CallStateMachine.next(call.state());
    return ApiException.conflict("Call " + call.callId() + " is " + call.state() + "; only " + names(allowed)
        + " calls can " + what + " (from " + call.state() + " a call can move to: "
        + (next.isEmpty() ? "nothing, it has ended" : names(next)) + ")");
  }

  private static String names(Set<CallState> states) {
    return states.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
  }
}
