package io.switchboard.media.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SipHealthIndicatorTest {

  @Test
  void downWhileTheStackIsNotRunning() {
    SipProperties properties = new SipProperties("127.0.0.1", 5060, Set.of(SipTransport.UDP), 8,
        new SipProperties.Audit(Duration.ofSeconds(30), Duration.ofMinutes(2)));
    HeaderFactoryImpl headers = new HeaderFactoryImpl();
    SipRequestDispatcher dispatcher =
        new SipRequestDispatcher(
            List.of(),
            Set.of(),
            new SipResponses(new MessageFactoryImpl(), headers),
            headers,
            new SipMetrics(new SimpleMeterRegistry()));
    SipServer neverStarted = new SipServer(properties, dispatcher);

    Health health = new SipHealthIndicator(neverStarted, properties).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("reason", "SIP stack not running");
  }
}
