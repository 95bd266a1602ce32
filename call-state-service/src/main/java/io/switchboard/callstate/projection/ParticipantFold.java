package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.ParticipantJoined;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.ParticipantUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Folds the participant events of one call into its {@code call_participants} rows. Pure, like
 * {@link CallFold} and in the same order ({@link CallFold#ORDER}), so a late event is folded in by
 * folding the call again. Participants are never dropped: a join beyond {@link #MAX_PRESENT}
 * participants in the call at once is recorded and reported.
 */
final class ParticipantFold {

  /** The gateway's limit for a group call; more is recorded, and reported. */
  static final int MAX_PRESENT = 8;

  /** The rows, and the joins that took the call past {@link #MAX_PRESENT} participants present. */
  record Folded(List<ParticipantRow> rows, List<OverLimit> overLimit) {}

  /** A join that made {@code present} participants in the call at once. */
  record OverLimit(String tenantId, String callId, String participantId, UUID eventId, int present) {}

  Folded fold(String tenantId, String callId, Collection<CallFact> facts) {
    List<CallFact> ordered = new ArrayList<>(facts);
    ordered.sort(CallFold.ORDER);
    Map<String, Participant> participants = new LinkedHashMap<>();
    Set<String> present = new HashSet<>();
    List<OverLimit> overLimit = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    for (CallFact fact : ordered) {
      String id = participantId(fact.payload());
      if (id == null || !seen.add(fact.eventId())) {
        continue;
      }
      Participant participant = participants.computeIfAbsent(id, key -> new Participant());
      participant.updatedAt = fact.occurredAt();
      if (fact.payload() instanceof ParticipantJoined joined) {
        participant.joined(joined, fact.occurredAt());
        if (present.add(id) && present.size() > MAX_PRESENT) {
          overLimit.add(new OverLimit(tenantId, callId, id, fact.eventId(), present.size()));
        }
      } else if (fact.payload() instanceof ParticipantLeft left) {
        participant.leftAt = fact.occurredAt();
        participant.leftReason = left.getReason();
        present.remove(id);
      } else if (fact.payload() instanceof ParticipantUpdated updated) {
        participant.updated(updated);
      }
    }
    List<ParticipantRow> rows = new ArrayList<>(participants.size());
    participants.forEach((id, p) -> rows.add(new ParticipantRow(tenantId, callId, id, p.role, p.displayName,
        p.joinedAt, p.leftAt, p.leftReason, p.joinCount, p.audio, p.video, p.screenShare, p.updatedAt)));
    return new Folded(List.copyOf(rows), List.copyOf(overLimit));
  }

  private static String participantId(Object payload) {
    if (payload instanceof ParticipantJoined joined) {
      return joined.getParticipantId();
    }
    if (payload instanceof ParticipantLeft left) {
      return left.getParticipantId();
    }
    if (payload instanceof ParticipantUpdated updated) {
      return updated.getParticipantId();
    }
    return null;
  }

  /** A participant while its events are folded. */
  private static final class Participant {
    String role;
    String displayName;
    Instant joinedAt;
    Instant leftAt;
    String leftReason;
    int joinCount;
    Boolean audio;
    Boolean video;
    Boolean screenShare;
    Instant updatedAt;

    /** The first join is the joining time; a rejoin clears the leave and restarts the media. */
    void joined(ParticipantJoined joined, Instant at) {
      if (joinedAt == null) {
        joinedAt = at;
      }
      joinCount++;
      leftAt = null;
      leftReason = null;
      role = joined.getRole().name();
      displayName = joined.getDisplayName();
      audio = joined.getAudio();
      video = joined.getVideo();
      screenShare = false;
    }

    /** Only the media an update names change. */
    void updated(ParticipantUpdated updated) {
      if (updated.getAudio() != null) {
        audio = updated.getAudio();
      }
      if (updated.getVideo() != null) {
        video = updated.getVideo();
      }
      if (updated.getScreenShare() != null) {
        screenShare = updated.getScreenShare();
      }
    }
  }
}
