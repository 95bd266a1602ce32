package io.switchboard.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  private final FakeClock clock = new FakeClock();

  @Test
  void allowsTheBurstThenRefusesWithTheWaitForTheNextToken() {
    TokenBuckets<String> buckets = new TokenBuckets<>(new Limit(3, Duration.ofMinutes(1)), clock, 100);

    for (int i = 0; i < 3; i++) {
      assertThat(buckets.tryTake("10.0.0.1").allowed()).isTrue();
    }
    TokenBucket.Decision refused = buckets.tryTake("10.0.0.1");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(refused.retryAfterSeconds()).isEqualTo(20);
  }

  @Test
  void refillsAtTheRateOfTheWindowAndNoMoreThanTheCapacity() {
    TokenBuckets<String> buckets = new TokenBuckets<>(new Limit(3, Duration.ofMinutes(1)), clock, 100);
    for (int i = 0; i < 3; i++) {
      buckets.tryTake("a");
    }

    clock.advance(Duration.ofSeconds(19));
    assertThat(buckets.tryTake("a").retryAfterSeconds()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(buckets.tryTake("a").allowed()).isTrue();

    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.tryTake("a").allowed()).isTrue();
    }
    assertThat(buckets.tryTake("a").allowed()).isFalse();
  }

  @Test
  void keysHaveBucketsOfTheirOwn() {
    TokenBuckets<String> buckets = new TokenBuckets<>(new Limit(1, Duration.ofMinutes(1)), clock, 100);

    assertThat(buckets.tryTake("a").allowed()).isTrue();
    assertThat(buckets.tryTake("a").allowed()).isFalse();
    assertThat(buckets.tryTake("b").allowed()).isTrue();
  }

  @Test
  void aRetryAfterBelowOneSecondIsOneSecond() {
    TokenBuckets<String> buckets = new TokenBuckets<>(new Limit(10, Duration.ofSeconds(1)), clock, 100);
    for (int i = 0; i < 10; i++) {
      buckets.tryTake("s");
    }

    TokenBucket.Decision refused = buckets.tryTake("s");

    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(100));
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void idleBucketsAreForgottenOnceRefilled() {
    TokenBuckets<String> buckets = new TokenBuckets<>(new Limit(2, Duration.ofSeconds(10)), clock, 100);
    for (int i = 0; i < 50; i++) {
      buckets.tryTake("client-" + i);
    }
    assertThat(buckets.size()).isEqualTo(50);

    clock.advance(Duration.ofSeconds(10));
    buckets.tryTake("late");

    assertThat(buckets.size()).isEqualTo(1);
  }

  @Test
  void memoryIsBoundedAndANewKeyIsLetThroughWhenTheTableIsFullOfBusyClients() {
    TokenBuckets<String> buckets = new TokenBuckets<>(new Limit(1, Duration.ofMinutes(1)), clock, 100);
    for (int i = 0; i < 100; i++) {
      buckets.tryTake("busy-" + i);
    }

    assertThat(buckets.tryTake("new").allowed()).isTrue();
    assertThat(buckets.tryTake("new").allowed()).isTrue();
    assertThat(buckets.size()).isEqualTo(100);
    assertThat(buckets.tryTake("busy-1").allowed()).isFalse();
  }

  @Test
  void aClockSteppingBackTakesNoTokens() {
    TokenBuckets<String> buckets = new TokenBuckets<>(new Limit(2, Duration.ofMinutes(1)), clock, 100);
    buckets.tryTake("a");

    clock.advance(Duration.ofMinutes(-5));

    assertThat(buckets.tryTake("a").allowed()).isTrue();
    assertThat(buckets.tryTake("a").allowed()).isFalse();
  }
}
