package io.switchboard.benchmarks.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PushLatenciesTest {

  @Test
  void timesEachPushFromItsStampToItsArrival() {
    PushLatencies latencies = new PushLatencies('m');
    for (int seq = 0; seq < 100; seq++) {
      // push n took n + 1 ms
      latencies.record(new PushStamp('m', seq, 1_000_000_000L), 1_000_000_000L + (seq + 1) * 1_000_000L);
    }

    PushLatencies.Summary summary = latencies.summary();

    assertThat(summary.received()).isEqualTo(100);
    assertThat(summary.distinct()).isEqualTo(100);
    assertThat(summary.p50()).isCloseTo(50, within(0.1));
    assertThat(summary.p99()).isCloseTo(99, within(0.1));
    assertThat(summary.max()).isCloseTo(100, within(0.1));
  }

  @Test
  void countsDuplicatesAndIgnoresOtherPhases() {
    PushLatencies latencies = new PushLatencies('m');

    latencies.record(new PushStamp('m', 5, 0), 1_000);
    latencies.record(new PushStamp('m', 5, 0), 2_000);
    boolean warmup = latencies.record(new PushStamp('w', 6, 0), 1_000);

    assertThat(warmup).isFalse();
    assertThat(latencies.summary().received()).isEqualTo(2);
    assertThat(latencies.distinct()).isEqualTo(1);
  }

  @Test
  void countsAStampFromTheFutureInsteadOfHidingIt() {
    PushLatencies latencies = new PushLatencies('m');

    latencies.record(new PushStamp('m', 0, 2_000_000), 1_000_000);

    assertThat(latencies.summary().negative()).isEqualTo(1);
  }
}
