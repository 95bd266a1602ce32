package io.switchboard.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.queue.PriorityRules;
import io.switchboard.routing.queue.RoutingSettings;
import io.switchboard.routing.queue.RoutingTopology;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Key presses inside the routing topology, as the routing service runs it: the queue statistics
 * neither count nor emit anything for them, and the call's figures come out as without them.
 */
class DtmfStatsTest {

  private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-21T10:00:00Z");

  private final StatsScenario stats = new StatsScenario(RoutingTopology.build(new RoutingSettings("routing-test",
      Duration.ofSeconds(15), Duration.ofSeconds(1), Topics.DEFAULT_PARTITIONS, PriorityRules.DEFAULT, true)),
      TEN_O_CLOCK);

  @AfterEach
  void close() {
    stats.close();
  }

  @Test
  void keyPressesOfAConnectedCallChangeNoFigureAndEmitNoStatistics() {
    // given c1 answered by a1 in support after 8 s, its statistics emitted
    stats.agent("a1", "support").status("a1", AgentStatus.AVAILABLE);
    stats.callEvent("c1", new CallQueued("support", null)).advance(Duration.ofSeconds(8));
    stats.callEvent("c1", new CallAnswered("a1", null)).advance(Duration.ofSeconds(2));
    stats.emitted();
    QueueSnapshot before = stats.snapshot("support");
    TrackedCall trackedBefore = stats.trackedCall("c1");

    // when the caller and the agent press keys
    stats.callEvent("c1", new DtmfReceived("customer", "4", 100, DtmfMethod.RFC4733));
    stats.callEvent("c1", new DtmfReceived("a1", "*", null, DtmfMethod.SIP_INFO));
    stats.callEvent("ghost", new DtmfReceived("customer", "1", null, DtmfMethod.RFC4733));
    stats.advance(Duration.ofSeconds(2));

    // then nothing is emitted, nothing is tracked for them, and the figures are those of before
    assertThat(stats.emitted()).isEmpty();
    assertThat(stats.trackedCall("c1")).isEqualTo(trackedBefore);
    assertThat(stats.trackedCall("ghost")).isNull();
    QueueSnapshot after = stats.snapshot("support");
    assertThat(after.offered()).isEqualTo(before.offered()).isEqualTo(1);
    assertThat(after.answered()).isEqualTo(before.answered()).isEqualTo(1);
    assertThat(after.asaMs()).isEqualTo(8_000L);
    assertThat(after.agentsByStatus()).isEqualTo(before.agentsByStatus());

    // and the call, ended 30 s later, is handled with its talk time alone
    stats.advance(Duration.ofSeconds(26)).ended("c1");
    assertThat(stats.snapshot("support").ahtMs()).isEqualTo(30_000L);
  }
}
