package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.Poll;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The bridge's relay and publisher beans: RTCP from two phones becomes QualityEvents on the real broker. */
class RtpQualityEventsIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aLegsQualityFromRtcpIsPublishedOnQualityEvents() {
    try (ConfigurableApplicationContext bridge = TestBridge.start(FreePorts.udpAndTcp(),
            "--switchboard.media.rtp.port-min=33000", "--switchboard.media.rtp.port-max=33099",
            "--switchboard.media.rtp.quality-interval=200ms");
        EventLog<QualityEvent> events = EventLog.of(Topics.QUALITY_EVENTS);
        TestPhone customer = new TestPhone(0xc1);
        TestPhone agent = new TestPhone(0xa9)) {
      RtpRelay relay = bridge.getBean(RtpRelay.class);
      QualityEventPublisher publisher = bridge.getBean(QualityEventPublisher.class);
      RelaySession session = relay.open("tenant-q", "call-q-1", new RelayListener() {
        @Override
        public void ended(RelaySession ended, EndReason reason) {}

        @Override
        public void quality(RelaySession reported, LegQuality quality) {
          publisher.publish(quality);
        }
      });
      session.a().participantId("customer");
      session.a().signal(customer.rtpAddress(), customer.rtcpAddress());
      session.b().signal(agent.rtpAddress(), agent.rtcpAddress());
      InetSocketAddress legA = new InetSocketAddress("127.0.0.1", session.a().localRtpPort());
      InetSocketAddress legARtcp = new InetSocketAddress("127.0.0.1", session.a().localRtcpPort());
      InetSocketAddress legB = new InetSocketAddress("127.0.0.1", session.b().localRtpPort());
      InetSocketAddress legBRtcp = new InetSocketAddress("127.0.0.1", session.b().localRtcpPort());

      agent.sendRtp(1, legB);
      Poll.until(WAIT, "RTP at the customer", () -> customer.rtpReceived().isEmpty() ? null : true);
      agent.sendRtcp(TestPhone.senderReport(agent.ssrc(), 0xe8a1b2c3_40000000L), legBRtcp);
      byte[] sr = Poll.until(WAIT, "the SR at the customer", () ->
          customer.rtcpReceived().isEmpty() ? null : customer.rtcpReceived().get(0));
      long lastSr = (ByteBuffer.wrap(sr).getLong(8) >>> 16) & 0xffffffffL;
      customer.sendRtp(1, legA);
      // 10 % lost (26/256 rounds to 10.16 %), jitter 80 units of PCMU: 10 ms.
      customer.sendRtcp(TestPhone.receiverReport(customer.ssrc(), agent.ssrc(), 26, 3, 80, lastSr), legARtcp);

      QualityEvent event = events.await(e -> e.getCallId().equals("call-q-1") && "customer".equals(e.getParticipantId())
          && e.getPacketLossPercent() != null && e.getPacketLossPercent() > 10, WAIT);
      assertThat(event.getTenantId()).isEqualTo("tenant-q");
      assertThat(event.getEventId()).isNotNull();
      assertThat(event.getSource()).startsWith("media-bridge-");
      assertThat(event.getMediaType()).isEqualTo(MediaType.AUDIO);
      assertThat(event.getPacketLossPercent()).isEqualTo(26 * 100.0 / 256);
      assertThat(event.getJitterMs()).isEqualTo(10.0);
      assertThat(event.getRttMs()).isNotNull();
      assertThat(event.getCodec()).isEqualTo("PCMU");
      assertThat(event.getMos()).isBetween(1.0, 4.5);
      session.close();
    }
  }
}
