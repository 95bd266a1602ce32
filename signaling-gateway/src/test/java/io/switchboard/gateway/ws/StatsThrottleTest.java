package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsThrottleTest {

  private final FakeClock clock = new FakeClock();
  private final StatsThrottle<String> throttle = new StatsThrottle<>(clock, Duration.ofSeconds(1));

  @Test
  void passesTheFirstChangeAndOneASecondAfter() {
    assertThat(throttle.offer("sales")).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.offer("sales")).isEmpty();
    // Another queue has a second of its own.
    assertThat(throttle.offer("support")).isEmpty();
  }

  @Test
  void holdsChangesWithinTheSecondAndReleasesThemOnceWhenDue() {
    Instant first = clock.instant();
    assertThat(throttle.offer("sales")).isEmpty();
    clock.advance(Duration.ofMillis(200));
    assertThat(throttle.offer("sales")).contains(first.plusSeconds(1));
    clock.advance(Duration.ofMillis(300));
    assertThat(throttle.offer("sales")).contains(first.plusSeconds(1));
    assertThat(throttle.due()).isEmpty();

    clock.advance(Duration.ofMillis(500));
    assertThat(throttle.due()).containsExactly("sales");
    assertThat(throttle.due()).isEmpty();
    // The release counts as a push: the next change within a second is held again.
    clock.advance(Duration.ofMillis(100));
    assertThat(throttle.offer("sales")).contains(first.plusSeconds(2));
  }
}
