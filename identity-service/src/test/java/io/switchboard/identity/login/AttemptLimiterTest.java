package io.switchboard.identity.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

  /** A clock that moves only when told. */
  static final class FakeClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
