package io.switchboard.gateway.ws;

import io.switchboard.gateway.ratelimit.RateLimitProperties;
import io.switchboard.gateway.ratelimit.TokenBucket;
import java.time.Clock;

/**
 * The message rate of one WebSocket session: a message over it is dropped (and answered with
 * {@code call:error}); a client that keeps sending past it, {@code closeAfter} dropped messages in a
 * row, is disconnected with 1008.
 */
final class SessionRate {

  enum Verdict { ACCEPT, DROP, CLOSE }

  private final RateLimitProperties.Messages limit;
  private final TokenBucket bucket;
  private final Clock clock;
  private int droppedInARow;

  SessionRate(RateLimitProperties.Messages limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
    this.bucket = new TokenBucket(limit.perSession(), clock.instant());
  }

  synchronized Verdict next() {
    if (bucket.tryTake(clock.instant()).allowed()) {
      droppedInARow = 0;
      return Verdict.ACCEPT;
    }
    droppedInARow++;
    return droppedInARow >= limit.closeAfter() ? Verdict.CLOSE : Verdict.DROP;
  }

  String dropped() {
    return "Too many messages: at most " + limit.perSession() + " per session; this one was dropped";
  }
}
