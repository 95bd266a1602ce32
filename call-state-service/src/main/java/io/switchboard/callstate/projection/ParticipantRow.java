package io.switchboard.callstate.projection;

import java.time.Instant;

/**
 * One row of {@code call_participants}: a participant of a call as its events leave it.
 *
 * @param role null (as are displayName and joinedAt) until a {@code ParticipantJoined} is known
 * @param leftAt the latest leave, null while the participant is in the call (a rejoin clears it)
 * @param joinCount how many times the participant joined (2 after a rejoin)
 * @param audio the latest known state; null until a join or an update says it (likewise video, screenShare)
 * @param updatedAt when the participant's latest event occurred
 */
record ParticipantRow(
    String tenantId,
    String callId,
    String participantId,
    String role,
    String displayName,
    Instant joinedAt,
    Instant leftAt,
    String leftReason,
    int joinCount,
    Boolean audio,
    Boolean video,
    Boolean screenShare,
    Instant updatedAt) {}
