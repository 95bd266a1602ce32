package io.switchboard.gateway.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.logging.CallLog;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Finds WebSocket sessions whose peer is gone without a close (a closed laptop lid, a lost network, a
 * NAT that forgot the mapping). Each session gets a ping once per interval, which browsers answer with
 * a pong by themselves, and is closed when nothing at all has arrived from it for the timeout. Closing
 * runs the normal close path, so {@link Presence} follows as for any close. The sessions are split in
 * {@value #SLICES} slices by their id, and the timer visits one slice every interval / {@value #SLICES}:
 * the pings are spread over the interval rather than queued to every session at once, which would
 * hold up the pushes behind them (docs/benchmarks.md). Per session this costs a timestamp; there is
 * one timer for the whole instance.
 */
final class Heartbeats implements SmartLifecycle {

  /** What one sweep does with a session. */
  enum Verdict { PING, CLOSE, SKIP }

  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
  /** How many parts of the sessions the interval is spread over. */
  static final int SLICES = 20;

  private final SessionRegistry sessions;
  private final Clock clock;
  private final Duration interval;
  private final Duration timeout;
  private final CloseStatus status;
  private final Counter timeouts;
  private volatile Disposable timer;

  Heartbeats(SessionRegistry sessions, Clock clock, Duration interval, Duration timeout, MeterRegistry meters) {
    this.sessions = sessions;
    this.clock = clock;
    this.interval = interval;
    this.timeout = timeout;
    // 1001: the page may reconnect at once, to this instance or another.
    this.status = CloseStatus.GOING_AWAY.withReason("no heartbeat for " + timeout);
    this.timeouts = Counter.builder("switchboard.ws.heartbeat.timeouts")
        .description("WebSocket sessions closed because nothing arrived from them for the heartbeat timeout")
        .register(meters);
  }

  /** Pings every open session and closes the silent ones. */
  void sweep() {
    sweep(0, 1);
  }

  /** The same for the sessions of one slice: those whose id falls in {@code slice} of {@code slices}. */
  void sweep(int slice, int slices) {
    long now = clock.millis();
    sessions.forEach(session -> {
      if (slices > 1 && Math.floorMod(session.id().hashCode(), slices) != slice) {
        return;
      }
      try {
        switch (verdict(session, now)) {
          case PING -> session.ping();
          case CLOSE -> close(session, now);
          case SKIP -> { }
        }
      } catch (RuntimeException e) {
        // One session's failure must not stop the heartbeats of all the others.
        log.warn("Heartbeat of WebSocket session {} failed", session.id(), e);
      }
    });
  }

  /** A session heard from within the timeout gets a ping; one silent longer is closed; one already closed is left alone. */
  Verdict verdict(AgentSession session, long now) {
    if (session.silent()) {
      return Verdict.SKIP;
    }
    return now - session.lastHeard() >= timeout.toMillis() ? Verdict.CLOSE : Verdict.PING;
  }

  private void close(AgentSession session, long now) {
    timeouts.increment();
    try (CallLog ignored = CallLog.of(null, session.agent().agentId())) {
      log.info("Closing WebSocket session {} of {}: nothing arrived from it for {} ms (heartbeat timeout {})",
          session.id(), session.key().describe(), now - session.lastHeard(), timeout);
    }
    session.closeSilent(status);
  }

  @Override
  public void start() {
    Duration tick = interval.dividedBy(SLICES);
    timer = Flux.interval(tick, tick)
        .onBackpressureDrop()
        .subscribe(n -> sweep((int) (n % SLICES), SLICES), error -> log.warn("The heartbeat sweep stopped", error));
  }

  @Override
  public void stop() {
    Disposable running = timer;
    if (running != null) {
      running.dispose();
    }
    timer = null;
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
