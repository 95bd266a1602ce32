package io.switchboard.callstate.query;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * {@code GET /api/v1/calls/{callId}}: the call view with its fields at the top level as before,
 * plus its event log and routing decisions, oldest first, its participants in join order, its key
 * presses, oldest first, and its quality summary.
 */
record CallDetail(@JsonUnwrapped CallView call, List<EventLine> events, List<DecisionLine> routingDecisions,
    List<ParticipantLine> participants, List<KeyPressLine> keyPresses, Quality quality) {

  /**
   * The call's media quality over its samples (quality_samples), null when it has none: the MOS
   * average and minimum, the score of its worst sample (excellent/good/fair/poor), average jitter
   * and round trip, and the highest packet loss.
   */
  record Quality(long samples, Double averageMos, Double minimumMos, String worstScore, Double averageJitterMs,
      Double maxPacketLossPercent, Double averageRttMs) {

    static Quality of(Long samples, Double averageMos, Double minimumMos, String worstScore, Double averageJitterMs,
        Double maxPacketLossPercent, Double averageRttMs) {
      return new Quality(samples == null ? 0 : samples, averageMos, minimumMos, worstScore, averageJitterMs,
          maxPacketLossPercent, averageRttMs);
    }

    Quality orNull() {
      return samples == 0 ? null : this;
    }
  }

  /** One entry of call_events: the payload record name and when it occurred. */
  record EventLine(String type, String occurredAt) {}

  /**
   * One row of call_participants. role, displayName and joinedAt are null (joinCount 0) for a
   * participant known so far only from an update or a leave; leftAt is null while it is present.
   */
  record ParticipantLine(String participantId, String role, String displayName, String joinedAt, String leftAt,
      String leftReason, int joinCount, Boolean audio, Boolean video, Boolean screenShare, String updatedAt) {}

  /** One row of call_key_presses: who pressed which key, how it travelled, how long it was held (null when not said). */
  record KeyPressLine(String participantId, String digit, String method, Integer durationMs, String occurredAt) {}

  /** One row of routing_decisions. */
  record DecisionLine(String type, String queue, String agentId, String reservationId, Integer position,
      Integer priority, String expiresAt, String toQueue, String refusal, String reason, String occurredAt) {}
}
