package io.switchboard.gateway.ws;

import io.switchboard.gateway.events.IncomingEventHandler;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.NumberTransferFailed;
import io.switchboard.schemas.avro.ParticipantJoined;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.ParticipantRole;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingQueued;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code call:participant_joined}, {@code call:participant_left} and {@code call:participant_updated}
 * to a call's parties on this instance (docs/gateway.md), from what every instance reads: the call's
 * creation (its customer), routing's acceptance of an agent's answer (the agent joins, and an agent
 * who had the call before leaves), the call queued again while an agent has it (a transfer took it
 * away), the participants' media and the hold, the end (everyone leaves), and any
 * {@code ParticipantJoined} or {@code ParticipantLeft} a service writes. A frame goes to every party
 * present and to the participant it is about; a participant who joins is also told who is there.
 * Also {@code call:dtmf}, a key pressed on a phone ({@code DtmfReceived}), to the call's agents present, and
 * {@code call:transfer_failed}, a transfer to a number that did not happen ({@code NumberTransferFailed}), to
 * the call's agents present and to the agent who asked for it.
 */
final class ParticipantNotifier implements IncomingEventHandler {

  static final String JOINED = "call:participant_joined";
  static final String LEFT = "call:participant_left";
  static final String UPDATED = "call:participant_updated";
  static final String DTMF = "call:dtmf";
  static final String TRANSFER_FAILED = "call:transfer_failed";

  private static final Logger log = LoggerFactory.getLogger(ParticipantNotifier.class);

  private final SessionRegistry sessions;
  private final Frames frames;
  private final CallRoster roster;

  ParticipantNotifier(SessionRegistry sessions, Frames frames, CallRoster roster) {
    this.sessions = sessions;
    this.frames = frames;
    this.roster = roster;
  }

  @Override
  public synchronized void onCallEvent(CallEvent event) {
    String tenant = event.getTenantId();
    String callId = event.getCallId();
    Object payload = event.getPayload();
    if (payload instanceof CallCreated created) {
      roster.created(tenant, callId, created.getCustomerId(),
          CallRoster.Participant.joining(QualityCommands.CUSTOMER, ParticipantRole.CUSTOMER));
    } else if (payload instanceof ParticipantJoined joined) {
      join(tenant, callId, roster.findOrStart(tenant, callId), new CallRoster.Participant(joined.getParticipantId(),
          joined.getRole(), joined.getDisplayName(), joined.getAudio(), joined.getVideo(), false));
    } else if (payload instanceof ParticipantLeft left) {
      roster.find(tenant, callId).ifPresent(call -> leave(tenant, callId, call, left.getParticipantId(),
          left.getReason()));
    } else if (payload instanceof ParticipantUpdated updated) {
      roster.find(tenant, callId).ifPresent(call -> updated(tenant, callId, call, updated));
    } else if (payload instanceof CallHeld held) {
      roster.find(tenant, callId).ifPresent(call -> hold(tenant, callId, call, true, held.getBy()));
    } else if (payload instanceof CallResumed resumed) {
      roster.find(tenant, callId).ifPresent(call -> hold(tenant, callId, call, false, resumed.getBy()));
    } else if (payload instanceof CallEnded ended) {
      roster.ended(tenant, callId).ifPresent(call -> ended(tenant, callId, call, ended));
    } else if (payload instanceof DtmfReceived pressed) {
      roster.find(tenant, callId).ifPresent(call -> keyPressed(tenant, callId, call, pressed));
    } else if (payload instanceof NumberTransferFailed failed) {
      transferFailed(tenant, callId, roster.find(tenant, callId), failed);
    }
  }

  @Override
  public synchronized void onRoutingDecision(RoutingDecision decision) {
    String tenant = decision.getTenantId();
    String callId = decision.getCallId();
    if (decision.getPayload() instanceof ReservationAccepted accepted) {
      CallRoster.Call call = roster.findOrStart(tenant, callId);
      String agentId = accepted.getAgentId();
      for (CallRoster.Participant other : call.present(ParticipantRole.AGENT)) {
        if (!other.id().equals(agentId)) {
          leave(tenant, callId, call, other.id(), "agent " + agentId + " took the call");
        }
      }
      // An agent first seen through a change of media keeps it; anyone else joins with the microphone on.
      CallRoster.Participant agent = call.known(agentId).filter(known -> !call.isPresent(agentId))
          .map(known -> known.with(null, null, false))
          .orElse(CallRoster.Participant.joining(agentId, ParticipantRole.AGENT));
      join(tenant, callId, call, agent);
    } else if (decision.getPayload() instanceof RoutingQueued) {
      // A connected call queued again: its agent was released (a transfer, docs/routing.md).
      roster.find(tenant, callId).ifPresent(call -> {
        String reason = decision.getReason() != null ? decision.getReason() : "the call went back to queue "
            + decision.getQueue();
        call.present(ParticipantRole.AGENT).forEach(agent -> leave(tenant, callId, call, agent.id(), reason));
      });
    }
  }

  private void join(String tenant, String callId, CallRoster.Call call, CallRoster.Participant participant) {
    List<CallRoster.Participant> before = call.present();
    if (!call.join(participant)) {
      return;
    }
    send(tenant, call, participant, frame(JOINED, callId, call, participant, null));
    // The newcomer learns who was there before it.
    for (CallRoster.Participant other : before) {
      sessionOf(tenant, call, participant).ifPresent(key -> sessions.sendTo(key,
          frame(JOINED, callId, call, other, null)));
    }
    try (CallLog ignored = CallLog.of(callId, participant.role() == ParticipantRole.AGENT ? participant.id() : null)) {
      log.debug("{} {} joined call {}", participant.role(), participant.id(), callId);
    }
  }

  private void leave(String tenant, String callId, CallRoster.Call call, String id, String reason) {
    call.leave(id).ifPresent(participant -> send(tenant, call, participant,
        frame(LEFT, callId, call, participant, reason)));
  }

  private void updated(String tenant, String callId, CallRoster.Call call, ParticipantUpdated updated) {
    String id = updated.getParticipantId();
    CallRoster.Participant participant = call.known(id)
        .orElse(CallRoster.Participant.joining(id, id.equals(QualityCommands.CUSTOMER) ? ParticipantRole.CUSTOMER
            : ParticipantRole.AGENT))
        .with(updated.getAudio(), updated.getVideo(), updated.getScreenShare());
    call.update(participant);
    send(tenant, call, participant, frame(UPDATED, callId, call, participant, null));
  }

  /** The hold is the call's; the frame is about who held it, else about the call's agent. */
  private void hold(String tenant, String callId, CallRoster.Call call, boolean onHold, String by) {
    call.onHold(onHold);
    Optional<CallRoster.Participant> about = by != null && call.isPresent(by) ? call.known(by)
        : call.present(ParticipantRole.AGENT).stream().findFirst();
    about.ifPresent(participant -> send(tenant, call, participant, frame(UPDATED, callId, call, participant, null)));
  }

  /** {@code call:dtmf} to each agent present in the call, whoever pressed the key; the customer gets none. */
  private void keyPressed(String tenant, String callId, CallRoster.Call call, DtmfReceived pressed) {
    String frame = frames.encode(DTMF, Frames.data("callId", callId, "participantId", pressed.getParticipantId(),
        "digit", pressed.getDigit(), "method", pressed.getMethod().name()));
    for (CallRoster.Participant agent : call.present(ParticipantRole.AGENT)) {
      sessions.sendTo(new AgentKey(tenant, agent.id()), frame);
    }
  }

  /** {@code call:transfer_failed} to the agents present and to the one who asked (if an agent), once each. */
  private void transferFailed(String tenant, String callId, Optional<CallRoster.Call> call,
      NumberTransferFailed failed) {
    String frame = frames.encode(TRANSFER_FAILED, Frames.data("callId", callId, "number", failed.getNumber(),
        "status", failed.getStatus(), "reason", failed.getReason(), "by", failed.getBy()));
    Set<AgentKey> agents = new LinkedHashSet<>();
    call.ifPresent(known -> known.present(ParticipantRole.AGENT)
        .forEach(agent -> agents.add(new AgentKey(tenant, agent.id()))));
    agents.add(new AgentKey(tenant, failed.getBy()));
    agents.forEach(agent -> sessions.sendTo(agent, frame));
  }

  /** Everyone leaves, whoever ended it first; each frame goes to everyone who was in the call. */
  private void ended(String tenant, String callId, CallRoster.Call call, CallEnded ended) {
    String reason = ended.getReason() != null ? ended.getReason() : "the call ended (" + ended.getOutcome() + ")";
    List<CallRoster.Participant> audience = call.present();
    List<CallRoster.Participant> leaving = new ArrayList<>(audience);
    leaving.sort(Comparator.comparing(participant -> !endedBy(call, participant, ended.getEndedBy())));
    Set<SessionKey> keys = new LinkedHashSet<>();
    audience.forEach(member -> sessionOf(tenant, call, member).ifPresent(keys::add));
    for (CallRoster.Participant participant : leaving) {
      call.leave(participant.id());
      String frame = frame(LEFT, callId, call, participant, reason);
      keys.forEach(key -> sessions.sendTo(key, frame));
    }
  }

  private static boolean endedBy(CallRoster.Call call, CallRoster.Participant participant, String endedBy) {
    return endedBy != null && (participant.id().equals(endedBy)
        || participant.role() == ParticipantRole.CUSTOMER && endedBy.equals(call.customerSubject()));
  }

  /** To every party present and to the participant the frame is about, once each. */
  private void send(String tenant, CallRoster.Call call, CallRoster.Participant about, String frame) {
    Set<SessionKey> keys = new LinkedHashSet<>();
    sessionOf(tenant, call, about).ifPresent(keys::add);
    call.present().forEach(member -> sessionOf(tenant, call, member).ifPresent(keys::add));
    keys.forEach(key -> sessions.sendTo(key, frame));
  }

  /** Where a participant's sessions are: an agent's by its id, the customer's by its token subject. */
  private static Optional<SessionKey> sessionOf(String tenant, CallRoster.Call call, CallRoster.Participant participant) {
    if (participant.role() == ParticipantRole.AGENT) {
      return Optional.of(SessionKey.of(new AgentKey(tenant, participant.id())));
    }
    if (participant.role() == ParticipantRole.CUSTOMER && call.customerSubject() != null) {
      return Optional.of(SessionKey.customer(tenant, call.customerSubject()));
    }
    return Optional.empty();
  }

  /** The one shape of the three frames: {callId, participant: {...}, onHold, reason}. */
  private String frame(String type, String callId, CallRoster.Call call, CallRoster.Participant participant,
      String reason) {
    Map<String, Object> about = Frames.data("id", participant.id(), "role", participant.role().name(),
        "displayName", participant.displayName(), "audio", participant.audio(), "video", participant.video(),
        "screenShare", participant.screenShare());
    return frames.encode(type, Frames.data("callId", callId, "participant", about, "onHold", call.onHold(),
        "reason", reason));
  }
}
