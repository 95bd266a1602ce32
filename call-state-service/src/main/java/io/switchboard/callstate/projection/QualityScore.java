package io.switchboard.callstate.projection;

/**
 * A coarse grade of a quality sample from its MOS (1–5), for dashboards that want a word rather
 * than a number. Thresholds after the usual ITU-T G.107 reading of MOS: 4.0 and above is what a
 * good landline sounds like, below 3.1 most users are dissatisfied.
 */
final class QualityScore {

  static final double EXCELLENT = 4.0;
  static final double GOOD = 3.6;
  static final double FAIR = 3.1;

  private QualityScore() {}

  /** excellent, good, fair or poor; null when the sample has no MOS. */
  static String of(Double mos) {
    if (mos == null || mos.isNaN()) {
      return null;
    }
    if (mos >= EXCELLENT) {
      return "excellent";
    }
    if (mos >= GOOD) {
      return "good";
    }
    if (mos >= FAIR) {
      return "fair";
    }
    return "poor";
  }
}
