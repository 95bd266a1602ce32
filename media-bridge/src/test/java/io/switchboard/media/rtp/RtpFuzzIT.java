package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.testsupport.Poll;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100,000 mutated RTP and 100,000 mutated RTCP packets into a relay session on loopback, then a
 * clean stream: the session still relays every clean packet, the malformed ones are counted, and
 * closing the session frees its ports. The mutations are seeded, so a failure can be replayed.
 */
class RtpFuzzIT {

  private static final int PACKETS = 100_000;
  private static final long SEED = 4733L;

  @Test
  void mutatedRtpAndRtcpNeitherStopNorLeakTheSession() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RtpRelayIT.RecordingListener listener = new RtpRelayIT.RecordingListener();
    try (RtpRelay relay = new RtpRelay(new RtpProperties("127.0.0.1", 32000, 32007, Duration.ofSeconds(30),
            Duration.ofHours(2), Duration.ofMillis(500), true, 1, Duration.ofSeconds(10)), Clock.systemUTC(), registry);
         TestPhone customer = new TestPhone(0xc1);
         TestPhone agent = new TestPhone(0xa9)) {
      relay.start();
      RelaySession session = relay.open("t1", "fuzzed-call", listener);
      session.a().signal(customer.rtpAddress(), customer.rtcpAddress());
      session.b().signal(agent.rtpAddress(), agent.rtcpAddress());
      InetSocketAddress rtp = new InetSocketAddress("127.0.0.1", session.a().localRtpPort());
      InetSocketAddress rtcp = new InetSocketAddress("127.0.0.1", session.a().localRtcpPort());

      Random random = new Random(SEED);
      for (int i = 0; i < PACKETS; i++) {
        customer.sendRawRtp(RtpMutations.mutate(random, TestPhone.rtpPacket(customer.ssrc(), 0, i & 0xffff)), rtp);
        customer.sendRtcp(RtpMutations.mutate(random, RtpMutations.rtcp(random, customer.ssrc())), rtcp);
        if (i % 1000 == 0) {
          agent.rtpReceived(); // keeps the agent's socket from filling
          agent.rtcpReceived();
        }
      }
      int before = agent.rtpReceived().size();
      // Then a clean stream: every packet of it gets through.
      for (int sequence = 0; sequence < 50; sequence++) {
        customer.sendRtp(60_000 + sequence, rtp);
      }
      Poll.until(Duration.ofSeconds(20), "the 50 clean packets after the fuzz", () -> {
        long clean = agent.rtpReceived().stream().skip(before).filter(packet -> sequence(packet) >= 60_000).count();
        return clean >= 50 ? true : null;
      });

      assertThat(session.isOpen()).isTrue();
      assertThat(listener.ended).isEmpty();
      double dropped = registry.find("switchboard.media.rtp.dropped").counters().stream()
          .mapToDouble(counter -> counter.count()).sum();
      assertThat(dropped).as("malformed packets counted").isGreaterThan(PACKETS / 10.0);
      // The range holds two sessions (a pair per leg): with the other taken, a new one needs the fuzzed one's ports.
      RelaySession other = relay.open("t1", "other-call", listener);
      session.close();
      RelaySession again = relay.open("t1", "after-the-fuzz", listener);
      assertThat(again.a().localRtpPort()).isEqualTo(session.a().localRtpPort());
      again.close();
      other.close();
      assertThat(relay.openSessions()).isZero();
    }
  }

  private static int sequence(byte[] packet) {
    return packet.length >= 4 ? ((packet[2] & 0xff) << 8) | (packet[3] & 0xff) : -1;
  }
}
