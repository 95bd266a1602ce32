package io.switchboard.media.rtp;

import java.time.Instant;

/**
 * One leg's quality at one moment: what the relay saw, what the phone on the leg reported by RTCP,
 * and the MOS of what that phone hears.
 *
 * @param participantId the participant on the leg, as the session's owner named it; null if not named
 * @param codec the codec of the packets sent to the phone (by payload type); null before any
 * @param packetsReceived RTP packets received from the phone and accepted (since the session opened)
 * @param bytesReceived their UDP payload bytes
 * @param packetsSent RTP packets relayed to the phone
 * @param bytesSent their UDP payload bytes
 * @param sequenceGaps RTP packets from the phone missing by sequence number, as the relay counts them
 * @param reportedLossPercent the fraction lost of the phone's latest report block, in percent; null without RTCP
 * @param reportedCumulativeLost the cumulative loss of that report; null without RTCP
 * @param jitterMs the interarrival jitter of that report in ms (by the clock rate of the stream's
 *     payload type); null without RTCP
 * @param rttMs the round trip between the relay and the phone from LSR/DLSR; null until measured
 * @param bitrateKbps the RTP bitrate sent to the phone over the last interval (UDP payload bytes)
 * @param lossPercent the loss that went into the MOS: the reported fraction lost, else the relay's
 *     share of sequence gaps on the other leg over the last interval; null when neither is known
 * @param pathRttMs the round trip that went into the MOS: both legs' round trips added, those known
 * @param mos the E-model MOS of what the phone hears; null when no loss, jitter or round trip is known
 */
public record LegQuality(String tenantId, String callId, Side side, String participantId, Instant at, String codec,
    long packetsReceived, long bytesReceived, long packetsSent, long bytesSent, long sequenceGaps,
    Double reportedLossPercent, Integer reportedCumulativeLost, Double jitterMs, Double rttMs, Double bitrateKbps,
    Double lossPercent, Double pathRttMs, Double mos) {}
