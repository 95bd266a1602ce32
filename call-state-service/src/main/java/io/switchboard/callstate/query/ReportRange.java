package io.switchboard.callstate.query;

import java.time.Duration;
import java.time.Instant;

/** The required [from, to) of a report and its optional queue or agent filter. */
record ReportRange(Instant from, Instant to, String subject) {

  static ReportRange parse(String from, String to, String subject) {
    Instant fromInstant = Params.requiredInstant("from", from);
    Instant toInstant = Params.requiredInstant("to", to);
    Params.ordered(fromInstant, toInstant);
    return new ReportRange(fromInstant, toInstant, Params.text(subject));
  }

  /** Refuses a range that would make more than {@link ReportInterval#MAX_INTERVALS} intervals. */
  ReportRange within(ReportInterval interval) {
    long intervals = Duration.between(from, to).dividedBy(interval.length()) + 1;
    if (intervals > ReportInterval.MAX_INTERVALS) {
      throw Params.bad("from..to spans " + intervals + " intervals of " + interval.parameter() + "; at most "
          + ReportInterval.MAX_INTERVALS + " per report");
    }
    return this;
  }
}
