package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.ratelimit.Limit;
import io.switchboard.gateway.ratelimit.RateLimitProperties;
import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionRateTest {

  private final FakeClock clock = new FakeClock();

  @Test
  void dropsMessagesOverTheRateAndClosesWhenTheClientKeepsOn() {
    SessionRate rate = new SessionRate(new RateLimitProperties.Messages(new Limit(2, Duration.ofSeconds(1)), 3), clock);

    assertThat(rate.next()).isEqualTo(SessionRate.Verdict.ACCEPT);
    assertThat(rate.next()).isEqualTo(SessionRate.Verdict.ACCEPT);
    assertThat(rate.next()).isEqualTo(SessionRate.Verdict.DROP);
    assertThat(rate.next()).isEqualTo(SessionRate.Verdict.DROP);
    assertThat(rate.next()).isEqualTo(SessionRate.Verdict.CLOSE);
    assertThat(rate.dropped()).contains("Too many messages: at most 2 per 1s");
  }

  @Test
  void anAcceptedMessageStartsTheCountOfDroppedOnesAgain() {
    SessionRate rate = new SessionRate(new RateLimitProperties.Messages(new Limit(1, Duration.ofSeconds(1)), 2), clock);
    rate.next();
    assertThat(rate.next()).isEqualTo(SessionRate.Verdict.DROP);

    clock.advance(Duration.ofSeconds(1));
    assertThat(rate.next()).isEqualTo(SessionRate.Verdict.ACCEPT);

    assertThat(rate.next()).isEqualTo(SessionRate.Verdict.DROP);
  }
}
