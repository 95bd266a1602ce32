package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.socket.CloseStatus;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

class SessionRegistryTest {

  private final SessionRegistry registry = new SessionRegistry();

  @Test
  void framesGoToTheSessionsOfOneAgentUntilTheyLeave() {
    registry.start();
    AgentSession first = new AgentSession("s1", FrameCollector.agent("acme", "a1"), 16);
    AgentSession second = new AgentSession("s2", FrameCollector.agent("acme", "a1"), 16);
    registry.add(first);
    registry.add(second);

    assertThat(registry.sendTo(new AgentKey("acme", "a1"), "hello")).isEqualTo(2);
    registry.remove(first);
    assertThat(registry.sendTo(new AgentKey("acme", "a1"), "again")).isEqualTo(1);
    registry.remove(second);
    assertThat(registry.isConnected(new AgentKey("acme", "a1"))).isFalse();
    assertThat(registry.size()).isZero();
  }

  @Test
  void stoppingClosesEverySessionAsGoingAway() {
    registry.start();
    AgentSession session = new AgentSession("s1", FrameCollector.agent("acme", "a1"), 16);
    registry.add(session);
    session.send("queued before stop");

    registry.stop();

    session.outbound().as(StepVerifier::create).expectNext("queued before stop").verifyComplete();
    assertThat(session.closeStatus()).isEqualTo(CloseStatus.GOING_AWAY);
  }

  @Test
  void aSessionArrivingAfterStopIsTurnedAway() {
    registry.start();
    registry.stop();
    AgentSession late = new AgentSession("s1", FrameCollector.agent("acme", "a1"), 16);
    registry.add(late);
    assertThat(late.closeStatus()).isEqualTo(CloseStatus.GOING_AWAY);
  }

  @Test
  void aClientThatDoesNotReadIsClosedInsteadOfBufferedForever() {
    AgentSession slow = new AgentSession("s1", FrameCollector.agent("acme", "a1"), 16);
    // Subscribed like the socket, but never asking for a frame.
    slow.outbound().subscribe(new BaseSubscriber<String>() {
      @Override
      protected void hookOnSubscribe(Subscription subscription) {}
    });
    int accepted = 0;
    while (slow.send("frame") && accepted < 1000) {
      accepted++;
    }
    assertThat(accepted).isLessThan(1000);
    assertThat(slow.closeStatus().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
  }
}
