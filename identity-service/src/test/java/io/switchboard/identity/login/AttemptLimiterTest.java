package io.switchboard.identity.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {

  private final FakeClock clock = new FakeClock();
  private final AttemptLimiter limiter = new AttemptLimiter(new LoginLimitProperties(3, Duration.ofMinutes(3)), clock);

  @Test
  void refusesAfterAsManyFailuresAsTheBucketHolds() {
    limiter.failed("10.0.0.1");
    limiter.failed("10.0.0.1");
    assertThat(limiter.retryAfter("10.0.0.1")).isEmpty();

    limiter.failed("10.0.0.1");

    assertThat(limiter.retryAfter("10.0.0.1")).contains(Duration.ofMinutes(1));
  }

  @Test
  void forgivesOneFailurePerRefillStep() {
    for (int i = 0; i < 3; i++) {
      limiter.failed("10.0.0.1");
    }

    clock.advance(Duration.ofSeconds(45));
    assertThat(limiter.retryAfter("10.0.0.1")).contains(Duration.ofSeconds(15));
    clock.advance(Duration.ofSeconds(15));
    assertThat(limiter.retryAfter("10.0.0.1")).isEmpty();
    limiter.failed("10.0.0.1");
    assertThat(limiter.retryAfter("10.0.0.1")).contains(Duration.ofMinutes(1));
  }

  @Test
  void neverHoldsMoreThanItsSizeAfterALongQuietTime() {
    limiter.failed("10.0.0.1");
    clock.advance(Duration.ofDays(1));

    for (int i = 0; i < 3; i++) {
      limiter.failed("10.0.0.1");
    }

    assertThat(limiter.retryAfter("10.0.0.1")).isPresent();
  }

  @Test
  void addressesAreCountedApart() {
    for (int i = 0; i < 3; i++) {
      limiter.failed("10.0.0.1");
    }

    assertThat(limiter.retryAfter("10.0.0.2")).isEmpty();
    assertThat(limiter.retryAfter("10.0.0.1")).isPresent();
  }

}
