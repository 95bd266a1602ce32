package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.socket.CloseStatus;

class HeartbeatsTest {

  private static final Duration INTERVAL = Duration.ofSeconds(20);
  private static final Duration TIMEOUT = Duration.ofSeconds(45);

  private final FakeClock clock = new FakeClock();
  private final SessionRegistry registry = new SessionRegistry();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Heartbeats heartbeats = new Heartbeats(registry, clock, INTERVAL, TIMEOUT, meters);

  @BeforeEach
  void running() {
    registry.start();
  }

  private AgentSession open(String id, Caller caller) {
    AgentSession session = new AgentSession(id, caller, 16);
    session.heard(clock.millis());
    registry.add(session);
    return session;
  }

  private static List<String> written(AgentSession session) {
    List<String> frames = new CopyOnWriteArrayList<>();
    session.outbound().subscribe(frame -> frames.add(frame == AgentSession.PING ? "<ping>" : frame),
        error -> { }, () -> frames.add("<closed>"));
    return frames;
  }

  private double timeouts() {
    return meters.counter("switchboard.ws.heartbeat.timeouts").count();
  }

  @Test
  void everySweepPingsASessionHeardFromWithinTheTimeout() {
    AgentSession session = open("s1", FrameCollector.agent("acme", "a1"));
    List<String> frames = written(session);

    for (int sweep = 0; sweep < 5; sweep++) {
      clock.advance(INTERVAL);
      heartbeats.sweep();
      session.heard(clock.millis());
    }

    assertThat(frames).containsExactly("<ping>", "<ping>", "<ping>", "<ping>", "<ping>");
    assertThat(session.closeStatus()).isEqualTo(CloseStatus.NORMAL);
    assertThat(timeouts()).isZero();
  }

  /** The timer's round: each slice holds some of the sessions, and each session is pinged once a round. */
  @Test
  void theSlicesOfARoundPingEverySessionOnceAndNoSliceAll() {
    List<List<String>> frames = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      frames.add(written(open("session-" + i, FrameCollector.agent("acme", "a" + i))));
    }
    int largestSlice = 0;
    for (int slice = 0; slice < Heartbeats.SLICES; slice++) {
      int before = frames.stream().mapToInt(List::size).sum();
      heartbeats.sweep(slice, Heartbeats.SLICES);
      largestSlice = Math.max(largestSlice, frames.stream().mapToInt(List::size).sum() - before);
    }
    assertThat(frames).allSatisfy(written -> assertThat(written).containsExactly("<ping>"));
    assertThat(largestSlice).isLessThan(200);
  }

  @Test
  void aSessionSilentForTheTimeoutIsClosedAsGoingAwayAndCounted() {
    AgentSession session = open("s1", FrameCollector.agent("acme", "a1"));
    List<String> frames = written(session);

    clock.advance(INTERVAL);
    heartbeats.sweep();
    clock.advance(INTERVAL);
    heartbeats.sweep();
    assertThat(session.closeStatus()).isEqualTo(CloseStatus.NORMAL);
    clock.advance(Duration.ofSeconds(5));
    heartbeats.sweep();

    assertThat(frames).containsExactly("<ping>", "<ping>", "<closed>");
    assertThat(session.closeStatus().getCode()).isEqualTo(1001);
    assertThat(session.closeStatus().getReason()).isEqualTo("no heartbeat for PT45S");
    assertThat(timeouts()).isEqualTo(1);
  }

  @Test
  void oneMillisecondShortOfTheTimeoutStillGetsAPing() {
    AgentSession session = open("s1", FrameCollector.agent("acme", "a1"));

    clock.advance(TIMEOUT.minusMillis(1));
    assertThat(heartbeats.verdict(session, clock.millis())).isEqualTo(Heartbeats.Verdict.PING);
    clock.advance(Duration.ofMillis(1));
    assertThat(heartbeats.verdict(session, clock.millis())).isEqualTo(Heartbeats.Verdict.CLOSE);
  }

  @Test
  void anyFrameFromTheClientCountsAsALifeSign() {
    AgentSession chatty = open("s1", FrameCollector.agent("acme", "a1"));
    AgentSession silent = open("s2", new Caller("acme", "cust-1", Set.of(Role.CUSTOMER), null));

    clock.advance(Duration.ofSeconds(40));
    chatty.heard(clock.millis());
    clock.advance(Duration.ofSeconds(10));
    heartbeats.sweep();

    assertThat(chatty.closeStatus()).isEqualTo(CloseStatus.NORMAL);
    assertThat(silent.closeStatus().getCode()).isEqualTo(1001);
    assertThat(timeouts()).isEqualTo(1);
  }

  @Test
  void aSessionClosedForSilenceIsNeitherPingedNorCountedAgainWhileItsCloseCompletes() {
    AgentSession session = open("s1", FrameCollector.agent("acme", "a1"));
    List<String> frames = written(session);
    clock.advance(TIMEOUT);
    heartbeats.sweep();

    clock.advance(INTERVAL);
    heartbeats.sweep();

    assertThat(heartbeats.verdict(session, clock.millis())).isEqualTo(Heartbeats.Verdict.SKIP);
    assertThat(frames).containsExactly("<closed>");
    assertThat(timeouts()).isEqualTo(1);
  }

  @Test
  void aSessionThatLeftIsNoLongerSwept() {
    AgentSession session = open("s1", FrameCollector.agent("acme", "a1"));
    List<String> frames = written(session);
    registry.remove(session);

    clock.advance(TIMEOUT.plus(INTERVAL));
    heartbeats.sweep();

    assertThat(frames).isEmpty();
    assertThat(timeouts()).isZero();
  }
}
