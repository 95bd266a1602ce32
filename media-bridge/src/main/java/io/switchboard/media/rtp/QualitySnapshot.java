package io.switchboard.media.rtp;

import io.switchboard.schemas.quality.EModel;
import java.time.Instant;

/** Builds a leg's {@link LegQuality} from its counters and its phone's latest RTCP report. */
final class QualitySnapshot {

  private QualitySnapshot() {}

  /**
   * The quality of {@code own}'s leg: {@code other} is the other leg's counters (whose incoming
   * stream is what this leg's phone hears), the round trips are each leg's (null if unmeasured).
   */
  static LegQuality of(RelaySession session, RelayLeg leg, RelayLeg.Counts own, RelayLeg.Counts other,
      Double ownRttMs, Double otherRttMs, Instant at) {
    PayloadTypes.Format format = own.lastPayloadTypeSent() < 0
        ? null
        : session.payloadTypes().format(own.lastPayloadTypeSent());
    ReportBlock report = own.lastReport();
    Double reportedLoss = report == null ? null : report.fractionLostPercent();
    Integer cumulativeLost = report == null ? null : report.cumulativeLost();
    Double jitterMs = report == null || format == null ? null : report.jitterMs(format.clockRate());
    Double pathRtt = sum(ownRttMs, otherRttMs);
    Double loss = reportedLoss != null ? reportedLoss : other.intervalLossPercent();
    double seconds = own.intervalMillis() / 1000.0;
    Double bitrate = seconds <= 0 ? null : own.intervalBytesSent() * 8 / 1000.0 / seconds;
    String codec = format == null ? null : format.codec();
    Double mos = loss == null && jitterMs == null && pathRtt == null ? null : EModel.mos(codec, pathRtt, jitterMs, loss);
    return new LegQuality(session.tenantId(), session.callId(), leg.side(), leg.participantId(), at, codec,
        own.packetsReceived(), own.bytesReceived(), own.packetsSent(), own.bytesSent(), own.lost(), reportedLoss,
        cumulativeLost, jitterMs, ownRttMs, bitrate, loss, pathRtt, mos);
  }

  /** The sum of those known; null when neither is. */
  private static Double sum(Double first, Double second) {
    if (first == null) {
      return second;
    }
    return second == null ? first : Double.valueOf(first + second);
  }
}
