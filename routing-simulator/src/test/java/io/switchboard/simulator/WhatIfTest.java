package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfTest {

  private final List<QueueWorkload> queues =
      List.of(QueueWorkload.poisson("sales", 60, Distribution.exponential(60)));
  private final List<AgentShift> agents = List.of(new AgentShift("a1", List.of("sales"), 1, 0, Long.MAX_VALUE));
  private final SimulationSettings settings =
      new SimulationSettings(0, 1_800_000, Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(15));

  @Test
  void runsEveryStrategyTheTopologyCanBeConfiguredWithAndSaysWhichItCannot() {
    // given
    boolean configurable;
    try (RoutingDriver routing = new RoutingDriver(Duration.ofSeconds(15), Instant.EPOCH)) {
      configurable = routing.readsQueueConfig();
    }
    List<String> notes = new ArrayList<>();

    // when
    List<QueueReport> reports = new WhatIf(queues, agents, settings, 1)
        .compare(List.of("LONGEST_IDLE", "ROUND_ROBIN"), notes::add);

    // then
    if (configurable) {
      assertThat(reports).extracting(QueueReport::strategy).containsExactly("LONGEST_IDLE", "ROUND_ROBIN");
      assertThat(notes).isEmpty();
    } else {
      assertThat(reports).extracting(QueueReport::strategy).containsExactly("LONGEST_IDLE (built-in)");
      assertThat(notes).singleElement().asString().contains("does not read queue.config").contains("ROUND_ROBIN");
    }
  }

  @Test
  void refusesAnUnknownStrategyBeforeRunning() {
    assertThatThrownBy(() -> new WhatIf(queues, agents, settings, 1).compare(List.of("FASTEST"), n -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown strategy FASTEST");
  }
}
